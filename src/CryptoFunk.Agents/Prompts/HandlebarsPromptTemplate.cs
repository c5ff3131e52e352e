using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using HandlebarsDotNet;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// The <c>handlebars</c> template format (SK's <c>HandlebarsPromptTemplate</c>) on Handlebars.Net, compiled once:
/// <c>{{var}}</c>, <c>{{#each}}</c>, <c>{{#if}}</c>, plus SK's <c>{{#message role="..."}}</c>, <c>{{json x}}</c> and
/// <c>(equals a b)</c> helpers. Every printed value is encoded, so values stay data unless their variable (or the
/// whole config) allows dangerous content.
/// </summary>
public sealed class HandlebarsPromptTemplate : IChatPromptTemplate
{
    private static readonly ImmutableArray<string> Helpers = ["if", "unless", "each", "with", "lookup", "log", "message", "json", "equals"];

    private readonly PromptInputs _inputs;
    private readonly HandlebarsTemplate<object, object> _template;

    /// <summary>Compiles <paramref name="config"/>'s template.</summary>
    /// <exception cref="PromptTemplateException">Bad syntax, an undeclared variable, an unknown helper, or malformed chat markup.</exception>
    public HandlebarsPromptTemplate(PromptTemplateConfig config)
    {
        _inputs = new PromptInputs(config);
        HandlebarsTemplateChecker.Check(config.Template, _inputs, Helpers);

        var handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            TextEncoder = new HandlebarsContentEncoder(),
            FormatProvider = CultureInfo.InvariantCulture,
            NoEscape = config.AllowDangerouslySetContent,
        });
        handlebars.Configuration.FormatterProviders.Add(new HandlebarsValueFormatter());
        RegisterHelpers(handlebars);

        try
        {
            _template = handlebars.Compile(config.Template);
        }
        catch (HandlebarsException e)
        {
            throw new PromptTemplateException($"the handlebars template does not compile: {e.Message}", innerException: e);
        }

        TrialRender(config);
    }

    /// <summary>The rendered text, values encoded unless allowed to carry markup; the kernel is not used.</summary>
    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Render(_inputs.Resolve(arguments)));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ChatMessage>> RenderMessagesAsync(KernelArguments? arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ChatPromptParser.Parse(Render(_inputs.Resolve(arguments))));
    }

    private string Render(object?[] values)
    {
        var context = new Dictionary<string, object?>(values.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            context[_inputs.Variables[i].Name] = value switch
            {
                null => null,
                _ when PromptValueFormatter.IsComplex(value) => value,
                _ when _inputs.IsTrusted[i] => new TrustedPromptValue(PromptValueFormatter.Format(value)),
                _ => PromptValueFormatter.Format(value),
            };
        }

        try
        {
            return _template(context);
        }
        catch (HandlebarsException e)
        {
            throw new PromptRenderException($"the handlebars template failed: {e.Message}", innerException: e);
        }
    }

    /// <summary>
    /// Renders once with samples, defaults or empty text, so unknown helpers, missing partials and malformed chat
    /// markup fail when the file is loaded rather than on an agent's first call.
    /// </summary>
    private void TrialRender(PromptTemplateConfig config)
    {
        #pragma warning disable SKEXP0110 // InputVariable.Sample is experimental in SK; it is only read here.
        var values = config.InputVariables.Select(v => v.Sample ?? v.Default ?? string.Empty).ToArray();
#pragma warning restore SKEXP0110
        string text;
        try
        {
            text = Render(values);
        }
        catch (PromptRenderException e)
        {
            throw new PromptTemplateException(e.Message, innerException: e);
        }

        if (text.Contains("<message", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                XmlPromptParser.Parse(text);
            }
            catch (XmlException e)
            {
                throw new PromptTemplateException(
                    $"the template's chat markup is not well-formed XML: {e.Message}; in message text write '<' as &lt; and '&' as &amp;",
                    innerException: e);
            }
        }
    }

    private static void RegisterHelpers(IHandlebars handlebars)
    {
        handlebars.RegisterHelper("message", (writer, options, context, arguments) =>
        {
            var role = PromptValueFormatter.Format(arguments.Hash.TryGetValue("role", out var r) ? Unwrap(r) : null);
            writer.Write($"<message role=\"{PromptContentEncoding.Encode(role)}\">", false);
            options.Template(writer, context);
            writer.Write("</message>", false);
        });
        handlebars.RegisterHelper("json", (context, arguments) =>
            arguments.Length == 0 ? string.Empty : PromptValueFormatter.FormatJson(Unwrap(arguments[0])));
        handlebars.RegisterHelper("equals", (context, arguments) =>
            arguments.Length == 2 &&
            string.Equals(PromptValueFormatter.Format(Unwrap(arguments[0])), PromptValueFormatter.Format(Unwrap(arguments[1])), StringComparison.Ordinal));
    }

    private static object? Unwrap(object? value) => value is TrustedPromptValue trusted ? trusted.Text : value;
}
