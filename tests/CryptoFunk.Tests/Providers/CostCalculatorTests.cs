using CryptoFunk.Agents.Providers;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Providers;

public sealed class CostCalculatorTests
{
    [Test]
    public void Input_and_output_tokens_are_priced_per_million_exactly()
    {
        var usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 500, TotalTokenCount = 1_500 };

        var cost = CostCalculator.Calculate(usage, new LlmPricing(3m, 15m));

        Assert.That(cost, Is.EqualTo(0.0105m));
    }

    [Test]
    public void Tiny_prices_keep_their_precision()
    {
        var usage = new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3 };

        var cost = CostCalculator.Calculate(usage, new LlmPricing(0.15m, 0.6m));

        Assert.That(cost, Is.EqualTo(0.00000285m));
    }

    [Test]
    public void Unknown_usage_costs_nothing()
    {
        Assert.That(CostCalculator.Calculate(null, new LlmPricing(3m, 15m)), Is.Zero);
        Assert.That(CostCalculator.Calculate(new UsageDetails(), new LlmPricing(3m, 15m)), Is.Zero);
        Assert.That(CostCalculator.Calculate(new UsageDetails { InputTokenCount = 1_000_000 }, LlmPricing.Free), Is.Zero);
    }
}
