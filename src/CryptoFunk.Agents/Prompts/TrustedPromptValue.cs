namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A value of a variable with <c>allow_dangerously_set_content</c>, which Handlebars writes without encoding so its
/// markup (e.g. whole <c>&lt;message&gt;</c> elements) shapes the chat.
/// </summary>
/// <param name="Text">The formatted value.</param>
internal sealed record TrustedPromptValue(string Text)
{
    public override string ToString() => Text;
}
