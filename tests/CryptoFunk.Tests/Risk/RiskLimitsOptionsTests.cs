using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Risk;

public sealed class RiskLimitsOptionsTests
{
    [Test]
    public void Defaults_follow_the_design_document_and_are_valid()
    {
        var options = new RiskLimitsOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.MaxRiskPerTradeFraction, Is.EqualTo(0.02m));
            Assert.That(options.MaxPortfolioRiskFraction, Is.EqualTo(0.10m));
            Assert.That(options.MaxPositionFraction, Is.EqualTo(0.5m));
            Assert.That(options.MaxOpenPositions, Is.EqualTo(5));
            Assert.That(options.MaxStopDistanceFraction, Is.EqualTo(0.05m));
            Assert.That(options.KellyFraction, Is.EqualTo(0.25m));
            Assert.That(options.HaltDrawdownFraction, Is.EqualTo(0.20m));
            Assert.That(options.MaxEntryDeviationFraction, Is.EqualTo(0.01m));
            Assert.That(RiskLimitsOptionsValidator.Errors(options), Is.Empty);
        });
    }

    [TestCase(nameof(RiskLimitsOptions.MaxRiskPerTradeFraction), "0")]
    [TestCase(nameof(RiskLimitsOptions.MaxPortfolioRiskFraction), "1.5")]
    [TestCase(nameof(RiskLimitsOptions.MaxPositionFraction), "-0.1")]
    [TestCase(nameof(RiskLimitsOptions.MaxStopDistanceFraction), "0")]
    [TestCase(nameof(RiskLimitsOptions.KellyFraction), "2")]
    [TestCase(nameof(RiskLimitsOptions.HaltDrawdownFraction), "0")]
    [TestCase(nameof(RiskLimitsOptions.MaxEntryDeviationFraction), "1.01")]
    public void Fraction_outside_zero_to_one_names_the_key(string property, string value)
    {
        var options = new RiskLimitsOptions();
        typeof(RiskLimitsOptions).GetProperty(property)!.SetValue(options, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new RiskLimitsOptionsValidator().Validate(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.Failures, Does.Contain($"Risk:{property} must be in (0, 1] (got {value})"));
        });
    }

    [Test]
    public void Zero_open_positions_names_the_key()
    {
        var errors = RiskLimitsOptionsValidator.Errors(new RiskLimitsOptions { MaxOpenPositions = 0 });

        Assert.That(errors, Is.EqualTo(new[] { "Risk:MaxOpenPositions must be at least 1 (got 0)" }));
    }

    [Test]
    public void Per_trade_risk_above_portfolio_risk_is_refused()
    {
        var errors = RiskLimitsOptionsValidator.Errors(
            new RiskLimitsOptions { MaxRiskPerTradeFraction = 0.2m, MaxPortfolioRiskFraction = 0.1m });

        Assert.That(errors.Single(), Does.StartWith("Risk:MaxRiskPerTradeFraction must not exceed Risk:MaxPortfolioRiskFraction"));
    }

    [Test]
    public void Risk_section_binds_and_bad_values_fail_naming_the_key()
    {
        using var good = Provider(new Dictionary<string, string?> { ["Risk:MaxOpenPositions"] = "3", ["Risk:KellyFraction"] = "0.5" });
        using var bad = Provider(new Dictionary<string, string?> { ["Risk:MaxRiskPerTradeFraction"] = "0" });

        var limits = good.GetRequiredService<IOptions<RiskLimitsOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(limits.MaxOpenPositions, Is.EqualTo(3));
            Assert.That(limits.KellyFraction, Is.EqualTo(0.5m));
            Assert.That(good.GetRequiredService<RiskGate>(), Is.Not.Null);
            Assert.That(
                () => bad.GetRequiredService<IOptions<RiskLimitsOptions>>().Value,
                Throws.TypeOf<OptionsValidationException>().With.Message.Contains("Risk:MaxRiskPerTradeFraction must be in (0, 1] (got 0)"));
        });
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRiskLimits(configuration).BuildServiceProvider();
    }
}
