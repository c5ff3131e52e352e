using HandlebarsDotNet;
using HandlebarsDotNet.IO;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// How Handlebars prints non-string values: trusted values unencoded, objects and lists as JSON (encoded), as the
/// <c>semantic-kernel</c> format does; numbers use the invariant culture set on the configuration.
/// </summary>
internal sealed class HandlebarsValueFormatter : IFormatterProvider, IFormatter
{
    public bool TryCreateFormatter(Type type, out IFormatter formatter)
    {
        formatter = this;
        if (type == typeof(TrustedPromptValue))
        {
            return true;
        }

        var handled = !type.IsPrimitive && type != typeof(string) && type != typeof(decimal) && !type.IsEnum &&
                      type != typeof(DateTime) && type != typeof(DateTimeOffset) && type != typeof(TimeSpan) &&
                      type != typeof(Guid) && type != typeof(Uri);
        if (!handled)
        {
            formatter = null!;
        }

        return handled;
    }

    public void Format<T>(T value, in EncodedTextWriter writer)
    {
        if (value is TrustedPromptValue trusted)
        {
            writer.Write(trusted.Text, false);
        }
        else
        {
            writer.Write(PromptValueFormatter.Format(value), true);
        }
    }
}
