namespace CryptoFunk.Host.Commands;

/// <summary>The --from and --to texts, parsed when needed with the defaults that depend on the data.</summary>
internal sealed record WindowArguments(string? FromText, string? ToText)
{
    /// <exception cref="WindowException">--from is not a time.</exception>
    public DateTimeOffset From(DateTimeOffset fallback) => Parse("--from", FromText, fallback);

    /// <exception cref="WindowException">--to is not a time.</exception>
    public DateTimeOffset To(DateTimeOffset fallback) => Parse("--to", ToText, fallback);

    private static DateTimeOffset Parse(string option, string? text, DateTimeOffset fallback) =>
        text is null ? fallback
        : UtcTimeArgument.TryParse(option, text, out var time, out var error) ? time
        : throw new WindowException(error);
}
