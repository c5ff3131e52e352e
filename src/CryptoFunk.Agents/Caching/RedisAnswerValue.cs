using System.Buffers.Text;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using CryptoFunk.Storage;

namespace CryptoFunk.Agents.Caching;

/// <summary>
/// One answer as one Redis value, written with a single <c>SET</c> so it exists whole or not at all:
/// <c>cf1:</c>, the XXH64 of the JSON in 16 hex digits, <c>:</c>, then the answer's <see cref="LlmCacheEntry"/> as
/// JSON. A value that is cut short, altered, of another format or filed under another key reads as nothing, so the
/// cache can only miss, never serve what was not written.
/// </summary>
internal static class RedisAnswerValue
{
    private const int HashDigits = 16;
    private const int HeaderLength = 4 + HashDigits + 1;

    private static ReadOnlySpan<byte> Format => "cf1:"u8;

    /// <summary>The value that stores <paramref name="answer"/>.</summary>
    public static byte[] Encode(StoredAnswer answer)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(LlmCacheEntries.ToEntry(answer));
        var value = new byte[HeaderLength + json.Length];
        Format.CopyTo(value);
        Encoding.ASCII.GetBytes(XxHash64.HashToUInt64(json).ToString("x16", System.Globalization.CultureInfo.InvariantCulture), value.AsSpan(Format.Length));
        value[HeaderLength - 1] = (byte)':';
        json.CopyTo(value, HeaderLength);
        return value;
    }

    /// <summary>The answer stored under <paramref name="key"/> in <paramref name="value"/>, or null when the value is not one whole answer for that key.</summary>
    public static StoredAnswer? Decode(ReadOnlySpan<byte> value, string key)
    {
        if (value.Length <= HeaderLength || !value.StartsWith(Format) || value[HeaderLength - 1] != (byte)':'
            || !Utf8Parser.TryParse(value.Slice(Format.Length, HashDigits), out ulong hash, out var read, 'x') || read != HashDigits)
        {
            return null;
        }

        var json = value[HeaderLength..];
        if (XxHash64.HashToUInt64(json) != hash)
        {
            return null;
        }

        try
        {
            var entry = JsonSerializer.Deserialize<LlmCacheEntry>(json);
            if (entry is null || entry.Key != key || (entry.ResponseJson is null && entry.Error is null))
            {
                return null;
            }

            return LlmCacheEntries.ToAnswer(entry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
