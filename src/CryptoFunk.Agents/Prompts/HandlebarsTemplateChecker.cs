using System.Collections.Frozen;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Compile-time checks Handlebars itself does not make: at the template's top level every path must start with a
/// declared input variable, every helper must exist, partials and decorators are refused, and unescaped output
/// (<c>{{{x}}}</c>, <c>{{&amp;x}}</c>) is allowed only for variables with <c>allow_dangerously_set_content</c>.
/// Inside <c>{{#each}}</c> and <c>{{#with}}</c> the context changes, so only <c>@root.</c> paths are checked there.
/// </summary>
internal sealed class HandlebarsTemplateChecker
{
    private static readonly FrozenSet<string> ContextBlocks = FrozenSet.Create(StringComparer.Ordinal, "each", "with");

    private readonly string _template;
    private readonly PromptInputs _inputs;
    private readonly HashSet<string> _helpers;
    private readonly Stack<Scope> _scopes = new();

    private HandlebarsTemplateChecker(string template, PromptInputs inputs, IEnumerable<string> helpers)
    {
        _template = template;
        _inputs = inputs;
        _helpers = new HashSet<string>(helpers, StringComparer.Ordinal);
        _scopes.Push(new Scope(string.Empty, Opaque: false, Trusted: false, []));
    }

    /// <summary>Checks <paramref name="template"/>.</summary>
    /// <exception cref="PromptTemplateException">The first problem found.</exception>
    public static void Check(string template, PromptInputs inputs, IEnumerable<string> helpers) =>
        new HandlebarsTemplateChecker(template, inputs, helpers).Run();

    private void Run()
    {
        var position = 0;
        while (true)
        {
            var start = _template.IndexOf("{{", position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            if (start > 0 && _template[start - 1] == '\\')
            {
                position = start + 2;
                continue;
            }

            position = Mustache(start);
        }

        if (_scopes.Count > 1)
        {
            throw Error(_template.Length, $"'{{{{#{_scopes.Peek().Helper}}}}}' is never closed");
        }
    }

    private int Mustache(int start)
    {
        if (string.CompareOrdinal(_template, start, "{{!--", 0, 5) == 0)
        {
            return EndOf("--}}", start);
        }

        if (string.CompareOrdinal(_template, start, "{{!", 0, 3) == 0)
        {
            return EndOf("}}", start);
        }

        var triple = string.CompareOrdinal(_template, start, "{{{", 0, 3) == 0;
        var close = triple ? "}}}" : "}}";
        var end = EndOf(close, start);
        var content = _template[(start + (triple ? 3 : 2))..(end - close.Length)].Trim().Trim('~').Trim();
        if (content.Length == 0)
        {
            throw Error(start, "empty '{{}}' expression");
        }

        switch (content[0])
        {
            case '#' when content.Length > 1 && content[1] is '>' or '*':
            case '>':
                throw Error(start, "partials are not supported in prompt templates");
            case '*':
                throw Error(start, "decorators are not supported in prompt templates");
            case '#':
                OpenBlock(start, content[1..]);
                break;
            case '^' when content.Length > 1:
                OpenBlock(start, "unless " + content[1..]);
                break;
            case '/':
                CloseBlock(start, content[1..].Trim());
                break;
            case '&':
                Expression(start, content[1..], unescaped: true);
                break;
            default:
                if (content is "else" or "^")
                {
                    break;
                }

                Expression(start, content.StartsWith("else ", StringComparison.Ordinal) ? content[5..] : content, unescaped: triple);
                break;
        }

        return end;
    }

    private void OpenBlock(int offset, string content)
    {
        var tokens = Tokens(offset, content);
        var helper = tokens[0];
        if (helper == "else")
        {
            throw Error(offset, "'{{#else}}' is not valid");
        }

        if (!_helpers.Contains(helper))
        {
            throw Error(offset, $"unknown block helper '{helper}'");
        }

        var parameters = new List<string>();
        var blockParams = new List<string>();
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i] == "as" && i + 1 < tokens.Count && tokens[i + 1].StartsWith('|'))
            {
                blockParams.AddRange(string.Join(' ', tokens.Skip(i + 1)).Trim('|').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                break;
            }

            parameters.Add(tokens[i]);
        }

        foreach (var parameter in parameters)
        {
            Argument(offset, parameter);
        }

        var current = _scopes.Peek();
        var changesContext = ContextBlocks.Contains(helper);
        var trusted = current.Trusted || (changesContext && parameters.Count > 0 && IsTrustedPath(parameters[0]));
        _scopes.Push(new Scope(helper, current.Opaque || changesContext, trusted, [.. current.BlockParams, .. blockParams]));
    }

    private void CloseBlock(int offset, string helper)
    {
        if (_scopes.Count == 1 || _scopes.Peek().Helper != helper)
        {
            throw Error(offset, _scopes.Count == 1
                ? $"'{{{{/{helper}}}}}' closes a block that was never opened"
                : $"'{{{{/{helper}}}}}' closes '{{{{#{_scopes.Peek().Helper}}}}}'");
        }

        _scopes.Pop();
    }

    private void Expression(int offset, string content, bool unescaped)
    {
        var tokens = Tokens(offset, content);
        if (tokens.Count > 1 || _helpers.Contains(tokens[0]))
        {
            if (!_helpers.Contains(tokens[0]))
            {
                throw Error(offset, $"unknown helper '{tokens[0]}'");
            }

            foreach (var argument in tokens.Skip(1))
            {
                Argument(offset, argument);
            }

            if (unescaped && !_scopes.Peek().Trusted)
            {
                throw Error(offset, "unescaped helper output ({{{...}}}) would let values inject markup; use {{...}}");
            }

            return;
        }

        Argument(offset, tokens[0]);
        if (unescaped && !_scopes.Peek().Trusted && !IsTrustedPath(tokens[0]))
        {
            throw Error(offset, $"'{tokens[0]}' is printed unescaped, which lets its value inject markup; use {{{{{tokens[0]}}}}} or set allow_dangerously_set_content on the variable");
        }
    }

    private void Argument(int offset, string token)
    {
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0 && !token.StartsWith('(') && !token.StartsWith('"') && !token.StartsWith('\''))
        {
            Argument(offset, token[(equals + 1)..]);
            return;
        }

        if (token.StartsWith('('))
        {
            var inner = Tokens(offset, token[1..^1]);
            if (!_helpers.Contains(inner[0]))
            {
                throw Error(offset, $"unknown helper '{inner[0]}'");
            }

            foreach (var argument in inner.Skip(1))
            {
                Argument(offset, argument);
            }

            return;
        }

        if (IsLiteral(token))
        {
            return;
        }

        var scope = _scopes.Peek();
        if (token.StartsWith("@root.", StringComparison.Ordinal))
        {
            RequireDeclared(offset, token["@root.".Length..]);
        }
        else if (!scope.Opaque && !token.StartsWith('@') && !token.StartsWith("this", StringComparison.Ordinal) &&
                 token != "." && !scope.BlockParams.Contains(Root(token)))
        {
            RequireDeclared(offset, token);
        }
    }

    private void RequireDeclared(int offset, string path)
    {
        var root = Root(path);
        if (_inputs.SlotOf(root) < 0)
        {
            var declared = _inputs.Count == 0 ? "none" : string.Join(", ", _inputs.Variables.Select(v => v.Name));
            throw Error(offset, $"'{root}' is not declared in input_variables (declared: {declared})");
        }
    }

    private bool IsTrustedPath(string token)
    {
        var path = token.StartsWith("@root.", StringComparison.Ordinal) ? token["@root.".Length..] : token;
        var slot = _inputs.SlotOf(Root(path));
        return slot >= 0 && _inputs.IsTrusted[slot];
    }

    private static string Root(string path) => path.Split('.', '/', '[')[0];

    private static bool IsLiteral(string token) =>
        token.StartsWith('"') || token.StartsWith('\'') || token is "true" or "false" or "null" or "undefined" ||
        double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>Splits an expression into tokens, keeping quoted strings and parenthesised sub-expressions whole.</summary>
    private List<string> Tokens(int offset, string content)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < content.Length)
        {
            if (char.IsWhiteSpace(content[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var depth = 0;
            var quote = '\0';
            for (; i < content.Length; i++)
            {
                var c = content[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                }
                else if (c == '|' && depth == 0 && i > start)
                {
                    break;
                }
                else if (char.IsWhiteSpace(c) && depth == 0)
                {
                    break;
                }
            }

            if (quote != '\0' || depth != 0)
            {
                throw Error(offset, $"unbalanced quotes or parentheses in '{content}'");
            }

            tokens.Add(content[start..i]);
        }

        return tokens.Count > 0 ? tokens : throw Error(offset, "empty expression");
    }

    private int EndOf(string close, int start)
    {
        var end = _template.IndexOf(close, start + 2, StringComparison.Ordinal);
        return end < 0 ? throw Error(start, $"'{{{{' is never closed with '{close}'") : end + close.Length;
    }

    private PromptTemplateException Error(int offset, string reason) => PromptTemplateException.At(_template, offset, reason);

    private sealed record Scope(string Helper, bool Opaque, bool Trusted, HashSet<string> BlockParams);
}
