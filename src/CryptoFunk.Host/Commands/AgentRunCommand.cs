using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk agent run NAME --data FILE --symbol BTC/USDT --at TIME</c>: the prompt playground. Runs one agent
/// on the market as it was at that time and prints its structured answer, reasoning, source, prompt version,
/// tokens, cost and latency.
/// </summary>
internal sealed class AgentRunCommand(IServiceProvider services) : CliCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Argument<string> _name = new("name") { Description = "The agent: the name of a prompt in prompts/ (e.g. technical_analysis)." };
    private readonly Option<string> _data = new("--data") { Description = "Candle file (normalized CSV or a Binance kline dump).", Required = true };
    private readonly Option<string> _symbol = new("--symbol") { Description = "Market, e.g. BTC/USDT.", Required = true };
    private readonly Option<string> _at = new("--at") { Description = "Decision time (ISO-8601 UTC); only candles closed by then are used.", Required = true };

    public override string Path => "agent run";

    protected override string Example => "cryptofunk agent run technical_analysis --data data/BTC_USDT-1h-2021.csv --symbol BTC/USDT --at 2021-06-01T00:00:00Z";

    protected override string Description => "Run one agent on the market state at a time and show its answer, source, tokens, cost and latency.";

    protected override void Configure(Command command)
    {
        command.Add(_name);
        command.Add(_data);
        command.Add(_symbol);
        command.Add(_at);
        command.SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (!MarketSymbol.TryParse(parse.GetValue(_symbol), out var symbol, out var symbolError))
        {
            await error.WriteLineAsync($"error: --symbol: {symbolError}");
            return ExitCodes.BadInput;
        }

        if (!UtcTimeArgument.TryParse("--at", parse.GetValue(_at), out var at, out var atError))
        {
            await error.WriteLineAsync($"error: {atError}");
            return ExitCodes.BadInput;
        }

        MarketSnapshot snapshot;
        try
        {
            var series = await CandleFileReader.ReadAsync(parse.GetValue(_data)!, cancellationToken);
            if (series.Timeframe is not { } timeframe)
            {
                await error.WriteLineAsync($"error: {series.Source}: cannot tell the candles' timeframe (fewer than two candles or an unusual bar length)");
                return ExitCodes.BadInput;
            }

            var lastClose = series.Candles[^1].OpenTime + timeframe.Duration;
            if (at >= lastClose + timeframe.Duration)
            {
                // A later candle would have closed by then: the last one in the file is not the market "as it was".
                await error.WriteLineAsync(
                    $"error: --at {UtcTimestamp.Format(at)} is after the data ends ({series.Source}'s last candle closed at {UtcTimestamp.Format(lastClose)}); choose an earlier --at or download newer candles");
                return ExitCodes.BadInput;
            }

            snapshot = new MarketHistory(symbol, timeframe, series.Candles).SnapshotAt(at);
        }
        catch (Exception e) when (e is CandleDataException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        if (await services.GetRequiredService<ReplayRecordings>().ProblemAsync(cancellationToken) is { } replayProblem)
        {
            await error.WriteLineAsync($"error: {replayProblem}");
            return ExitCodes.BadInput;
        }

        ChatCompletionAgent agent;
        try
        {
            agent = services.GetRequiredService<ChatCompletionAgentFactory>().Create(parse.GetValue(_name)!);
        }
        catch (PromptUnavailableException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        AgentResponse? response = null;
        try
        {
            await foreach (var answer in agent.InvokeAsync([], DecisionInputs.For(new DecisionSituation(snapshot)), cancellationToken))
            {
                response = answer;
            }
        }
        catch (LlmReplayMissException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }

        await WriteAsync(output, agent, snapshot, response!);
        return response!.Abstained ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static async Task WriteAsync(TextWriter output, ChatCompletionAgent agent, MarketSnapshot snapshot, AgentResponse response)
    {
        var prompt = agent.Prompts.Get(agent.PromptName);
        await output.WriteLineAsync($"agent      {response.AgentName}");
        await output.WriteLineAsync($"prompt     {prompt.Name} @ {response.PromptVersion} ({prompt.FilePath})");
        await output.WriteLineAsync($"market     {snapshot.Symbol} {snapshot.Timeframe} at {ContextFormat.Time(snapshot.DecisionTime)}, last close {ContextFormat.Price(snapshot.Price)}");
        await output.WriteLineAsync($"source     {response.Source}{(response.Degraded ? " (degraded)" : string.Empty)}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"tokens     in {response.Usage?.InputTokenCount ?? 0}, out {response.Usage?.OutputTokenCount ?? 0}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cost       ${response.CostUsd:0.000000}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"latency    {response.Latency.TotalMilliseconds:0.0} ms"));
        if (response.Abstained)
        {
            await output.WriteLineAsync($"abstained  {response.AbstainReason}");
            return;
        }

        var answer = response.Output!.Value;
        if (answer.TryGetProperty("reasoning", out var reasoning))
        {
            await output.WriteLineAsync($"reasoning  {reasoning.GetString()}");
        }

        await output.WriteLineAsync("answer");
        await output.WriteLineAsync(JsonSerializer.Serialize(answer, Indented));
    }
}
