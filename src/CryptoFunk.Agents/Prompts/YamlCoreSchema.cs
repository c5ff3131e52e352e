using System.Text.RegularExpressions;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// How YAML 1.2's core schema resolves plain scalars (null, booleans, integers, floats). The reader uses it to turn
/// YAML into JSON, the writer to quote strings that would otherwise come back as another type.
/// </summary>
internal static partial class YamlCoreSchema
{
    public static bool IsNull(string? text) => text is null or "" or "~" or "null" or "Null" or "NULL";

    public static bool IsBool(string text) => text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    public static bool IsInteger(string text) => Integer().IsMatch(text);

    public static bool IsFloat(string text) => Float().IsMatch(text);

    /// <summary>Whether a plain scalar with this text would read back as something other than this string.</summary>
    public static bool IsAmbiguous(string text) =>
        IsNull(text) || IsBool(text) || IsInteger(text) || IsFloat(text) || Special().IsMatch(text) || Yaml11Bool().IsMatch(text);

    /// <summary>YAML 1.1's extra booleans, which older readers (and people) take for true/false.</summary>
    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Yaml11Bool();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex Special();
}
