namespace CryptoFunk.Tests.Reliability;

/// <summary>One JSON string in a prompt message.</summary>
/// <param name="Start">Where its opening quote is.</param>
/// <param name="Raw">The string as written, quotes and escapes included.</param>
/// <param name="Decoded">What it says once its escapes are read.</param>
internal sealed record QuotedRegion(int Start, string Raw, string Decoded);
