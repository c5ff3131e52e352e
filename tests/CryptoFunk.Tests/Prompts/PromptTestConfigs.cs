using CryptoFunk.Agents.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Tests.Prompts;

/// <summary>Small configs and a render shortcut for the template tests.</summary>
internal static class PromptTestConfigs
{
    public static PromptTemplateConfig Config(string template, string format = TemplateFormats.SemanticKernel, params InputVariable[] variables) =>
        new() { Name = "test", Template = template, TemplateFormat = format, InputVariables = [.. variables] };

    /// <summary><paramref name="config"/> with every value trusted (<c>allow_dangerously_set_content</c>) when <paramref name="trusted"/>.</summary>
    public static PromptTemplateConfig Trusting(this PromptTemplateConfig config, bool trusted = true)
    {
        config.AllowDangerouslySetContent = trusted;
        return config;
    }

    public static InputVariable Variable(string name, bool required = true, string? defaultValue = null, bool dangerous = false) =>
        new() { Name = name, IsRequired = required, Default = defaultValue, AllowDangerouslySetContent = dangerous };

    public static async Task<IReadOnlyList<ChatMessage>> Render(PromptTemplateConfig config, KernelArguments? arguments = null) =>
        await new PromptTemplateFactory().Create(config).RenderMessagesAsync(arguments, CancellationToken.None);

    public static PromptTemplateException CompileError(PromptTemplateConfig config) =>
        Assert.Throws<PromptTemplateException>(() => new PromptTemplateFactory().Create(config))!;

    /// <summary>Role and text of each message, e.g. <c>system: Be brief.</c>.</summary>
    public static string[] Describe(IReadOnlyList<ChatMessage> messages) =>
        [.. messages.Select(m => $"{m.Role.Value}: {m.Text}")];
}
