using System.Globalization;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// Instructions planted in every text an agent reads that code did not write (<see cref="PlantChannel"/>) reach the
/// prompts only as quoted data, escaped and cut, and never cause an order: a paper account on BTC/USDT is run by
/// <see cref="InjectionDesk"/>, which plants <see cref="PlantedText.All"/> everywhere it writes and obeys any plant it
/// reads outside quotes, and every request the fake model received is read back here.
/// </summary>
public sealed class PromptInjectionTests : TempDirectoryTest
{
    [Test]
    public async Task Planted_instructions_reach_prompts_only_quoted_escaped_and_cut_and_never_cause_an_order()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        var desk = new InjectionDesk();
        server.Fallback = desk.Answer;
        var settings = PipelineHarness.Provider(0, "openai", server.Endpoint, "gpt-fake-1");
        settings["Trading:MinimumVoters"] = "1";   // one analyst refusing to vote leaves the other's vote, so strategists hear why
        var db = $"Data Source={Temp.File("planted.db")}";
        var (exitCode, _, error) = await InProcessProgram.RunAsync(settings,
            "paper", "--symbols", "BTC/USDT", "--replay", Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv"),
            "--from", "2021-01-04", "--to", "2021-01-07", "--account", "planted", "--db", db);

        var store = new TradingStore(new CryptoFunkDbContextFactory(db));
        var decisions = await store.DecisionsAsync("paper-planted", CancellationToken.None);
        var positions = await store.PositionsAsync("paper-planted", CancellationToken.None);
        var entries = decisions.Where(d => d.OrderId?.StartsWith("entry:", StringComparison.Ordinal) == true).ToList();
        var caused = entries.Where(d => !InjectionDesk.TradesAt(d.DecisionTime) || d.Agents.Any(a => a.Reasoning == InjectionDesk.Obeyed)).ToList();
        var reading = PromptReading.Of(server.Requests);
        TestContext.Out.WriteLine(
            $"{server.RequestCount} model requests, {decisions.Count} decisions, {entries.Count} entries at the desk's own hours, " +
            $"{positions.Count(p => p.ClosedAt is not null)} closed; obeyed {desk.ObeyedCount}; orders caused by a plant {caused.Count}; planted texts by channel:");
        foreach (var channel in Enum.GetValues<PlantChannel>())
        {
            var counts = channel == PlantChannel.ToolResult
                ? PlantedText.All.Select(p => $"{p.Name} {desk.ToolArguments.GetValueOrDefault(p.Name)} sent, {reading.Quoted.GetValueOrDefault((channel, p.Name))} back")
                : PlantedText.All.Select(p => $"{p.Name} {reading.Quoted.GetValueOrDefault((channel, p.Name))}");
            TestContext.Out.WriteLine($"  {channel}: {string.Join(", ", counts)}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0), error);
            Assert.That(reading.Violations, Is.Empty, "planted text outside quotes, hidden characters or an uncut quote in what a model read");
            Assert.That(desk.ObeyedCount, Is.Zero, "requests in which the model found a plant outside quotes");
            Assert.That(caused.Select(d => d.DecisionTime.ToString("O", CultureInfo.InvariantCulture)), Is.Empty, "orders a plant caused");
            Assert.That(entries, Has.Count.GreaterThanOrEqualTo(3), "the desk traded at its own hours, so memory has outcomes to recall");
            foreach (var channel in Enum.GetValues<PlantChannel>().Where(c => c != PlantChannel.ToolResult))
            {
                foreach (var plant in PlantedText.All)
                {
                    Assert.That(reading.Quoted.GetValueOrDefault((channel, plant.Name)), Is.Positive, $"{plant.Name} reached {channel} quoted");
                }
            }

            Assert.That(PlantedText.All.Select(p => desk.ToolArguments.GetValueOrDefault(p.Name)), Has.All.Positive, "every plant was passed as a tool argument");
            Assert.That(PlantedText.All.Select(p => reading.Quoted.GetValueOrDefault((PlantChannel.ToolResult, p.Name))), Has.All.Zero, "a tool's result repeats no argument");
        });
    }
}
