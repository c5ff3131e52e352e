namespace CryptoFunk.Markets.Csv;

/// <summary>
/// A candle file that cannot be trusted, with the file, the 1-based line and the reason, so the user can open the
/// file at that line and see the problem. Nothing is returned from a file that has one.
/// </summary>
public sealed class CandleDataException : FormatException
{
    /// <summary>Creates the error; the message reads <c>FILE:LINE: REASON</c>.</summary>
    public CandleDataException(string source, int line, string reason)
        : base(line > 0 ? $"{source}:{line}: {reason}" : $"{source}: {reason}")
    {
        Source = source;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file (or other source) that was being read.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line number, or 0 when the problem concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
