using System.Globalization;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// The model budget of the process (<c>Llm:Budget</c>), global across providers and agents. Every provider call
/// reserves its worst-case cost before it is sent and settles to what it cost once answered, all under one lock, so
/// parallel agents can never together reserve past a limit. The first call a limit cannot cover closes that limit:
/// no call goes out for the rest of the run (per-run limit) or the UTC day of the clock (daily limit). A day's spend
/// starts from what the call log already holds for it (read once), so a restart does not reset it; the calls of
/// other processes running at the same time are not seen. A run's spend starts at <see cref="BeginRun"/>, from what a
/// continued run already spent. A limit closing raises an alert, once.
/// </summary>
public sealed partial class ModelBudget
{
    private readonly Lock _lock = new();
    private readonly LlmBudgetOptions _options;
    private readonly ILlmSpendHistory _history;
    private readonly TimeProvider _time;
    private readonly ILogger<ModelBudget> _logger;
    private readonly IAlertSink _alerts;
    private readonly Lazy<Task<(DateOnly Day, decimal CostUsd)>> _earlier;
    private bool _earlierCounted;
    private DateOnly _day;
    private decimal _today;
    private string? _dayClosed;
    private int _run;
    private decimal _thisRun;
    private string? _runClosed;

    /// <summary>A budget with the limits of <paramref name="options"/>.</summary>
    /// <exception cref="OptionsValidationException">A limit is not positive; the message names its key.</exception>
    public ModelBudget(IOptions<ModelPipelineOptions> options, ILlmSpendHistory history, TimeProvider time, ILogger<ModelBudget> logger, IAlertSink? alerts = null)
    {
        _alerts = alerts ?? NullAlertSink.Instance;
        _options = options.Value.Budget;
        _history = history;
        _time = time;
        _logger = logger;

        // Read once for every later call, so not with any caller's token.
        _earlier = new(ReadEarlierAsync);
    }

    /// <summary>True when a limit applies; without one, calls are only counted.</summary>
    public bool IsLimited => _options.IsLimited;

    /// <summary>
    /// Starts a run: its spend is <paramref name="spentBefore"/> (what a continued run, such as a paper account after a
    /// restart, already spent; zero for a new one) and a closed per-run limit opens.
    /// </summary>
    public void BeginRun(decimal spentBefore = 0m)
    {
        lock (_lock)
        {
            _run++;
            _thisRun = spentBefore;
            _runClosed = null;
        }
    }

    /// <summary>
    /// Reserves <paramref name="worstCaseUsd"/> for one provider call, or refuses it, saying why, when a limit cannot
    /// cover it (and closes that limit).
    /// </summary>
    public async Task<ModelBudgetReservation> ReserveAsync(decimal worstCaseUsd, CancellationToken cancellationToken)
    {
        var earlier = await EarlierTodayAsync(cancellationToken);
        lock (_lock)
        {
            Roll(earlier);
            if (Refusal(worstCaseUsd) is { } refusal)
            {
                return new ModelBudgetReservation(this, 0m, _day, _run, refusal);
            }

            _thisRun += worstCaseUsd;
            _today += worstCaseUsd;
            return new ModelBudgetReservation(this, worstCaseUsd, _day, _run, null);
        }
    }

    /// <summary>The limits and what has been spent (or is reserved by calls under way) this run and today.</summary>
    public async Task<ModelBudgetStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var earlier = await EarlierTodayAsync(cancellationToken);
        lock (_lock)
        {
            Roll(earlier);
            return new ModelBudgetStatus(_options.MaxUsdPerRun, _options.MaxUsdPerDay, _thisRun, _today);
        }
    }

    /// <summary>Replaces a reservation by the call's real cost, in the day and the run it was made in.</summary>
    internal void Settle(ModelBudgetReservation reservation, decimal costUsd)
    {
        lock (_lock)
        {
            var change = costUsd - reservation.ReservedUsd;
            if (reservation.Day == _day)
            {
                _today += change;
            }

            if (reservation.Run == _run)
            {
                _thisRun += change;
            }
        }
    }

    /// <summary>Why a call of <paramref name="worstCaseUsd"/> cannot go out; null when it can.</summary>
    private string? Refusal(decimal worstCaseUsd)
    {
        if (_options.MaxUsdPerRun is { } perRun && (_runClosed is not null || _thisRun + worstCaseUsd > perRun))
        {
            return _runClosed ??= Close(
                $"model budget spent: {ModelPipelineOptions.Section}:Budget:{nameof(LlmBudgetOptions.MaxUsdPerRun)} is {Usd(perRun)} and this run had used {Usd(_thisRun)} " +
                $"when a call that may cost up to {Usd(worstCaseUsd)} was due, so no more calls go out this run");
        }

        if (_options.MaxUsdPerDay is { } perDay && (_dayClosed is not null || _today + worstCaseUsd > perDay))
        {
            return _dayClosed ??= Close(
                $"model budget spent: {ModelPipelineOptions.Section}:Budget:{nameof(LlmBudgetOptions.MaxUsdPerDay)} is {Usd(perDay)} and {_day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (UTC) had used {Usd(_today)} " +
                $"when a call that may cost up to {Usd(worstCaseUsd)} was due, so no more calls go out today");
        }

        return null;
    }

    /// <summary>Says once that a limit closed; later calls are refused quietly with the same reason.</summary>
    private string Close(string reason)
    {
        LogClosed(_logger, reason);
        if (_alerts.IsEnabled)
        {
            _alerts.Raise(new Alert(AlertKinds.BudgetReached, AlertSeverity.Warning, reason));
        }

        return reason;
    }

    /// <summary>Starts a new day at midnight UTC, from the call log's spend when it is the day that was read.</summary>
    private void Roll((DateOnly Day, decimal CostUsd)? earlier)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _today = 0m;
            _dayClosed = null;
        }

        if (earlier is { } read && !_earlierCounted)
        {
            _earlierCounted = true;
            _today += read.Day == _day ? read.CostUsd : 0m;
        }
    }

    /// <summary>Today's spend in the call log before this process, read once, when a daily limit applies.</summary>
    private async Task<(DateOnly Day, decimal CostUsd)?> EarlierTodayAsync(CancellationToken cancellationToken)
    {
        if (_options.MaxUsdPerDay is null)
        {
            return null;
        }

        return await _earlier.Value.WaitAsync(cancellationToken);
    }

    private async Task<(DateOnly Day, decimal CostUsd)> ReadEarlierAsync()
    {
        var now = _time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (day, await _history.CostSinceAsync(midnight, CancellationToken.None));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agents answer from their rules from now on: {Reason}")]
    private static partial void LogClosed(ILogger logger, string reason);

    private static string Usd(decimal value) => "$" + value.ToString("0.######", CultureInfo.InvariantCulture);
}
