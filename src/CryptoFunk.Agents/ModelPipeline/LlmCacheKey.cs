using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// The exact-match key of a request: a 128-bit hash (two seeded XXH64) over everything that determines the answer —
/// agent, prompt version, the configured provider chain, the settings (the prompt's per-service ones too) and the
/// messages (including tool calls and results). Each field is written as a tag, a length and its UTF-8 bytes, so the
/// encoding is unambiguous without the cost of JSON escaping, and the same inputs give the same key on every machine.
/// Recordings are found by it, so its encoding never changes.
/// </summary>
public static class LlmCacheKey
{
    private const long SecondSeed = 0x43727970746F46;

    /// <summary>Computes the key as lowercase hex; <paramref name="call"/> is null for a request made outside an agent.</summary>
    public static string Compute(AgentCallContext? call, IEnumerable<ChatMessage> messages, ChatOptions? options, IReadOnlyList<string> providerChain)
    {
        var writer = new KeyWriter(ArrayPool<byte>.Shared.Rent(16 * 1024));
        try
        {
            writer.Text('a', call?.Agent ?? string.Empty);
            writer.Text('p', call?.PromptVersion ?? string.Empty);
            foreach (var provider in providerChain)
            {
                writer.Text('c', provider);
            }

            writer.Options(options ?? new ChatOptions());
            if (call is { OptionsByService.Count: > 0 })
            {
                foreach (var (service, serviceOptions) in call.OptionsByService.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.Text('s', service);
                    writer.Options(serviceOptions);
                }
            }

            foreach (var message in messages)
            {
                writer.Message(message);
            }

            Span<byte> hash = stackalloc byte[16];
            BinaryPrimitives.WriteUInt64BigEndian(hash, XxHash64.HashToUInt64(writer.Written, seed: 0));
            BinaryPrimitives.WriteUInt64BigEndian(hash[8..], XxHash64.HashToUInt64(writer.Written, seed: SecondSeed));
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            writer.Return();
        }
    }

    /// <summary>Appends tagged, length-prefixed fields to a pooled buffer that grows as needed.</summary>
    private struct KeyWriter(byte[] buffer)
    {
        private byte[] _buffer = buffer;
        private int _length;

        public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Text(char tag, string? value)
        {
            if (value is null)
            {
                return;
            }

            var max = Encoding.UTF8.GetMaxByteCount(value.Length);
            Header(tag, max);
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + sizeof(int)));
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
            _length += sizeof(int) + written;
        }

        public void Bytes(char tag, ReadOnlySpan<byte> value)
        {
            Header(tag, value.Length);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value.Length);
            value.CopyTo(_buffer.AsSpan(_length + sizeof(int)));
            _length += sizeof(int) + value.Length;
        }

        public void Number(char tag, double? value)
        {
            if (value is { } v)
            {
                Header(tag, sizeof(double));
                BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), v);
                _length += sizeof(double);
            }
        }

        public void Json(char tag, JsonElement value) => Bytes(tag, JsonMarshal.GetRawUtf8Value(value));

        public void Json(char tag, object? value)
        {
            if (value is not null)
            {
                Bytes(tag, JsonSerializer.SerializeToUtf8Bytes(value, AIJsonUtilities.DefaultOptions));
            }
        }

        public void Options(ChatOptions options)
        {
            Text('O', "options");
            Text('m', options.ModelId);
            Number('t', options.Temperature);
            Number('P', options.TopP);
            Number('k', options.TopK);
            Number('x', options.MaxOutputTokens);
            Number('S', options.Seed);
            Number('r', options.PresencePenalty);
            Number('f', options.FrequencyPenalty);
            foreach (var stop in options.StopSequences ?? [])
            {
                Text('z', stop);
            }

            switch (options.ResponseFormat)
            {
                case ChatResponseFormatJson { Schema: { } schema }:
                    Json('J', schema);
                    break;
                case ChatResponseFormatJson:
                    Text('F', "json");
                    break;
                case ChatResponseFormatText:
                    Text('F', "text");
                    break;
            }

            Text('T', options.ToolMode switch
            {
                RequiredChatToolMode { RequiredFunctionName: { } name } => "required:" + name,
                RequiredChatToolMode => "required",
                NoneChatToolMode => "none",
                AutoChatToolMode => "auto",
                _ => null,
            });
            foreach (var tool in options.Tools ?? [])
            {
                Text('n', tool.Name);
                if (tool is AIFunction function)
                {
                    Json('j', function.JsonSchema);
                }
            }
        }

        public void Message(ChatMessage message)
        {
            Text('M', message.Role.Value);
            Text('u', message.AuthorName);
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text:
                        Text('X', text.Text);
                        break;
                    case FunctionCallContent call:
                        Text('C', call.Name);
                        Text('i', call.CallId);
                        Json('A', call.Arguments);
                        break;
                    case FunctionResultContent result:
                        Text('R', result.CallId);
                        Json('V', result.Result);
                        break;
                    default:
                        Text('?', content.GetType().Name);
                        Text('v', content.ToString());
                        break;
                }
            }
        }

        public readonly void Return() => ArrayPool<byte>.Shared.Return(_buffer);

        private void Header(char tag, int payload)
        {
            var needed = _length + 1 + sizeof(int) + payload;
            if (needed > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            _buffer[_length++] = (byte)tag;
        }
    }
}
