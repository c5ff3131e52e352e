using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CryptoFunk.Storage;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC epoch milliseconds, so time comparisons (point-in-time queries)
/// translate to SQL on SQLite and PostgreSQL alike and read the same on both.
/// </summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    time => time.ToUnixTimeMilliseconds(),
    milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
