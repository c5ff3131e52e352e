using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CryptoFunk.Tests.Orchestration.DecisionFixtures;

namespace CryptoFunk.Tests.Orchestration;

public sealed class TradingOptionsTests
{
    [Test]
    public void Defaults_are_valid_and_need_two_voters()
    {
        var options = new TradingOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.MinimumVoters, Is.EqualTo(2));
            Assert.That(options.Errors(), Is.Empty);
        });
    }

    [TestCase("0", "Trading:MinimumVoters must be at least 1, was 0")]
    [TestCase("-1", "Trading:MinimumVoters must be at least 1, was -1")]
    [TestCase("4", "Trading:MinimumVoters (4) must not exceed the number of Trading:AnalysisAgents (3)")]
    public async Task A_bad_quorum_fails_at_start_naming_the_key(string value, string error)
    {
        using var dir = new TempDirectory();
        await using var services = Services(dir, new() { ["Trading:MinimumVoters"] = value });

        Assert.That(
            () => services.GetRequiredService<IOptions<TradingOptions>>().Value,
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains(error));
    }

    [Test]
    public async Task A_quorum_the_run_cannot_reach_is_refused_when_the_agents_are_built()
    {
        using var dir = new TempDirectory();
        await using var services = Services(dir, new() { ["Trading:MinimumVoters"] = "3" });
        var maker = services.GetRequiredService<TradingDecisionMaker>();

        Assert.That(
            () => maker.CreateParticipants(unavailable: ["order_book"], rulesOnly: true),
            Throws.InvalidOperationException.With.Message.EqualTo(
                "only 2 analysis agents are left once order_book are left out, fewer than Trading:MinimumVoters (3), so no consensus could ever be reached"));
    }
}
