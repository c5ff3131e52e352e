using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.ModelPipeline;

/// <summary>The budget's arithmetic: reservations, settlement, the closing limit, days, runs and parallel callers.</summary>
public sealed class ModelBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static ModelBudget Budget(decimal? perRun = null, decimal? perDay = null, TimeProvider? time = null, decimal spentEarlierToday = 0m) => new(
        Options.Create(new ModelPipelineOptions { Budget = new LlmBudgetOptions { MaxUsdPerRun = perRun, MaxUsdPerDay = perDay } }),
        new FixedSpendHistory(spentEarlierToday),
        time ?? new InstantTimeProvider(Noon),
        NullLogger<ModelBudget>.Instance);

    [Test]
    public async Task A_call_reserves_its_worst_case_and_settles_to_its_real_cost()
    {
        var budget = Budget(perRun: 1m);

        var reservation = await budget.ReserveAsync(0.4m, CancellationToken.None);
        var whileOpen = (await budget.StatusAsync(CancellationToken.None)).SpentThisRunUsd;
        reservation.Settle(0.1m);
        reservation.Settle(0.3m);

        Assert.Multiple(async () =>
        {
            Assert.That(reservation.Refusal, Is.Null);
            Assert.That(whileOpen, Is.EqualTo(0.4m), "the worst case is held while the call is under way");
            Assert.That((await budget.StatusAsync(CancellationToken.None)).SpentThisRunUsd, Is.EqualTo(0.1m), "settled once, to the real cost");
        });
    }

    [Test]
    public async Task A_failed_call_gives_its_reservation_back()
    {
        var budget = Budget(perRun: 1m);

        (await budget.ReserveAsync(0.9m, CancellationToken.None)).Release();
        var next = await budget.ReserveAsync(0.9m, CancellationToken.None);

        Assert.That(next.Refusal, Is.Null);
    }

    [Test]
    public async Task The_first_call_the_run_limit_cannot_cover_is_refused_and_closes_the_run_until_the_next_begins()
    {
        var budget = Budget(perRun: 1m);
        (await budget.ReserveAsync(0.7m, CancellationToken.None)).Settle(0.7m);

        var tooDear = await budget.ReserveAsync(0.31m, CancellationToken.None);
        var small = await budget.ReserveAsync(0.01m, CancellationToken.None);
        budget.BeginRun();
        var nextRun = await budget.ReserveAsync(0.9m, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(tooDear.Refusal, Does.Contain("Llm:Budget:MaxUsdPerRun is $1").And.Contain("used $0.7").And.Contain("up to $0.31"));
            Assert.That(small.Refusal, Is.EqualTo(tooDear.Refusal), "once closed, no more calls go out this run, whatever their size");
            Assert.That(nextRun.Refusal, Is.Null, "a new run has its own budget");
        });
    }

    [Test]
    public async Task A_continued_run_starts_from_what_it_spent_before()
    {
        var budget = Budget(perRun: 1m);
        budget.BeginRun(spentBefore: 0.8m);

        var tooDear = await budget.ReserveAsync(0.21m, CancellationToken.None);
        budget.BeginRun(spentBefore: 0.5m);
        var fits = await budget.ReserveAsync(0.5m, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(tooDear.Refusal, Does.Contain("used $0.8"), "a paper account's restart does not give it a fresh budget");
            Assert.That(fits.Refusal, Is.Null);
        });
    }

    [Test]
    public async Task A_call_that_fits_exactly_is_granted()
    {
        var budget = Budget(perRun: 1m);
        (await budget.ReserveAsync(0.75m, CancellationToken.None)).Settle(0.75m);

        var last = await budget.ReserveAsync(0.25m, CancellationToken.None);

        Assert.That(last.Refusal, Is.Null);
    }

    [Test]
    public void Parallel_callers_never_reserve_past_the_limit_together()
    {
        const int Rounds = 300;
        const int Callers = 8;
        var granted = new List<int>();
        for (var round = 0; round < Rounds; round++)
        {
            var budget = Budget(perRun: 0.01m);
            using var start = new Barrier(Callers);
            var threads = Enumerable.Range(0, Callers)
                .Select(_ => Task.Factory.StartNew(
                    () =>
                    {
                        start.SignalAndWait();
                        return budget.ReserveAsync(0.003m, CancellationToken.None).Result;
                    },
                    TaskCreationOptions.LongRunning))
                .ToArray();
            Task.WaitAll(threads);
            granted.Add(threads.Count(t => t.Result.Refusal is null));
        }

        Assert.That(granted, Has.All.EqualTo(3), "$0.01 covers three calls of $0.003, however many ask at once");
    }

    [Test]
    public async Task The_daily_limit_starts_from_what_the_call_log_holds_for_today_and_opens_again_at_midnight_utc()
    {
        var time = new InstantTimeProvider(Noon);
        var budget = Budget(perDay: 1m, time: time, spentEarlierToday: 0.8m);

        var today = await budget.ReserveAsync(0.3m, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(12));
        var tomorrow = await budget.ReserveAsync(0.3m, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(today.Refusal, Does.Contain("Llm:Budget:MaxUsdPerDay is $1").And.Contain("2026-03-10 (UTC) had used $0.8"));
            Assert.That(tomorrow.Refusal, Is.Null, "a new UTC day, a new daily budget");
        });
    }

    [Test]
    public async Task A_call_reserved_before_midnight_and_settled_after_does_not_count_against_the_new_day()
    {
        var time = new InstantTimeProvider(Noon.AddHours(11).AddMinutes(59));
        var budget = Budget(perDay: 1m, time: time);

        var lateCall = await budget.ReserveAsync(0.9m, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        lateCall.Settle(0.5m);

        Assert.That((await budget.StatusAsync(CancellationToken.None)).SpentTodayUsd, Is.Zero);
    }

    [TestCase(nameof(LlmBudgetOptions.MaxUsdPerRun), "0")]
    [TestCase(nameof(LlmBudgetOptions.MaxUsdPerDay), "-5")]
    public void A_limit_that_is_not_positive_is_refused_naming_its_key(string key, string value)
    {
        var limits = new LlmBudgetOptions();
        typeof(LlmBudgetOptions).GetProperty(key)!.SetValue(limits, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new ModelPipelineOptionsValidator().Validate(null, new ModelPipelineOptions { Budget = limits });

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.Failures!.Single(), Does.StartWith($"Llm:Budget:{key} must be positive (got {value})"));
        });
    }

    [TestCase(StoreDatabase.Sqlite)]
    [TestCase(StoreDatabase.Postgres)]
    public async Task The_call_log_reports_what_was_spent_since_a_moment(string provider)
    {
        await using var database = await StoreDatabase.CreateAsync(provider);
        await using (var log = new DatabaseLlmCallLog(database.Inserter))
        {
            await log.AddAsync(Call(Noon.AddDays(-1), 5m), CancellationToken.None);
            await log.AddAsync(Call(Noon.Date, 0.25m), CancellationToken.None);
            await log.AddAsync(Call(Noon, 0.0000001m), CancellationToken.None);
            await log.FlushAsync(CancellationToken.None);
        }

        var spent = await new DatabaseLlmSpendHistory(database.Contexts, database.Migrator).CostSinceAsync(new DateTimeOffset(Noon.Date, TimeSpan.Zero), CancellationToken.None);

        Assert.That(spent, Is.EqualTo(0.2500001m));
    }

    private static LlmCallRecord Call(DateTimeOffset at, decimal cost) => new()
    {
        CreatedAt = at,
        Agent = "technical_analysis",
        Source = "llm:openai/gpt-test",
        CacheKey = $"key-{at.ToUnixTimeMilliseconds()}",
        CostUsd = cost,
    };

    private sealed class FixedSpendHistory(decimal spent) : ILlmSpendHistory
    {
        public Task<decimal> CostSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => Task.FromResult(spent);
    }
}
