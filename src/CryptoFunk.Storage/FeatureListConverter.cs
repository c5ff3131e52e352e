using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CryptoFunk.Storage;

/// <summary>
/// Stores market-state features as a JSON array of numbers in a text column on every provider. Features are NaN
/// while an indicator is still warming up, so NaN and infinities are written as named literals instead of failing
/// the write.
/// </summary>
public sealed class FeatureListConverter() : ValueConverter<double[], string>(
    features => JsonSerializer.Serialize(features, Json),
    json => JsonSerializer.Deserialize<double[]>(json, Json) ?? Array.Empty<double>())
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Compares feature lists by value (NaN equal to NaN), so a tracked row is not rewritten for nothing.</summary>
    public static ValueComparer<double[]> Comparer { get; } = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        features => features.Aggregate(0, (hash, value) => HashCode.Combine(hash, value)),
        features => features.ToArray());
}
