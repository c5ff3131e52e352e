namespace CryptoFunk.Indicators;

/// <summary>Argument checks shared by the batch indicators, so a short output span fails before any work.</summary>
internal static class SeriesArguments
{
    public static void SameLength(int length, ReadOnlySpan<double> span, string name)
    {
        if (span.Length != length)
        {
            throw new ArgumentException($"{name} has {span.Length} values; expected {length}, the input's length.", name);
        }
    }

    public static void SameLengthOrEmpty(int length, ReadOnlySpan<double> span, string name)
    {
        if (!span.IsEmpty)
        {
            SameLength(length, span, name);
        }
    }
}
