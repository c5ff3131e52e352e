using System.Diagnostics.CodeAnalysis;

namespace CryptoFunk.Host.Commands;

/// <summary>One <c>--vary KEY=VALUE1,VALUE2</c> of a sweep: a configuration key and the values to try it with.</summary>
/// <param name="Key">A configuration key, sections joined by <c>:</c> (<c>Trading:ConsensusThreshold</c>).</param>
/// <param name="Values">The values, in the order given, none empty, none twice.</param>
internal sealed record VaryArgument(string Key, IReadOnlyList<string> Values)
{
    /// <summary>The option's name.</summary>
    public const string Option = "--vary";

    /// <summary>How the option is written, for error messages.</summary>
    public const string Syntax = "--vary SECTION:KEY=VALUE1,VALUE2";

    /// <summary>Reads <paramref name="text"/>; <paramref name="problem"/> says what is wrong with it.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out VaryArgument? vary, [NotNullWhen(false)] out string? problem)
    {
        vary = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            problem = "has no '=' between the key and its values";
            return false;
        }

        var key = text[..equals].Trim();
        if (key.Length == 0 || key.Split(':').Any(part => part.Length == 0 || part.Any(char.IsWhiteSpace)))
        {
            problem = $"'{key}' is not a configuration key (sections joined by ':', no spaces)";
            return false;
        }

        var values = text[(equals + 1)..].Split(',').Select(v => v.Trim()).ToList();
        if (values.FindIndex(v => v.Length == 0) is var empty and >= 0)
        {
            problem = values.Count == 1 ? "has no values after '='" : $"value {empty + 1} of {values.Count} is empty";
            return false;
        }

        if (values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problem = $"value '{twice.Key}' is listed twice";
            return false;
        }

        vary = new VaryArgument(key, values);
        problem = null;
        return true;
    }
}
