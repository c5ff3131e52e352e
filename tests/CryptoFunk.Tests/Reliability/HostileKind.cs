namespace CryptoFunk.Tests.Reliability;

/// <summary>What a hostile model does wrong in one answer.</summary>
internal enum HostileKind
{
    /// <summary>Sizes far beyond any limit: a risk officer approving a trillion units, an analyst going all in.</summary>
    AbsurdSize,

    /// <summary>Prices that are not the market's: entries off by half, by 10^25, beyond what a decimal holds.</summary>
    InventedPrice,

    /// <summary>A long's stop at or above the entry, a target below it, a stop 50% away.</summary>
    WrongSideStop,

    /// <summary>Asks for tool calls forever: real tools, tools it was never given, tools with arguments that cannot bind.</summary>
    ToolLoop,

    /// <summary>An answer of several megabytes, valid JSON or not.</summary>
    Megabytes,

    /// <summary>Fields the schema does not have (quantity, leverage, an override of the limits).</summary>
    ExtraFields,
}
