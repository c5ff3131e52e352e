namespace CryptoFunk.Storage;

/// <summary>
/// The precision money and quantities are stored with (28 digits, 10 after the point, in every provider), so values
/// computed in memory are compared with stored ones, and stored without loss, at that precision.
/// </summary>
public static class StoredPrecision
{
    /// <summary>Digits after the decimal point the store keeps.</summary>
    public const int Scale = 10;

    /// <summary><paramref name="value"/> rounded toward zero to what the store keeps, so storing it loses nothing.</summary>
    public static decimal Truncate(decimal value) => decimal.Round(value, Scale, MidpointRounding.ToZero);

    /// <summary><paramref name="value"/> as stored: rounded half away from zero, as PostgreSQL's <c>numeric(28, 10)</c> rounds.</summary>
    public static decimal Round(decimal value) => decimal.Round(value, Scale, MidpointRounding.AwayFromZero);

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are equal once stored.</summary>
    public static bool Equal(decimal a, decimal b) => Round(a) == Round(b);
}
