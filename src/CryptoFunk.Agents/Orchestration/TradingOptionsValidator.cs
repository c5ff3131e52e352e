using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>Refuses <c>Trading</c> options that would break the decision flow, naming each key.</summary>
public sealed class TradingOptionsValidator : IValidateOptions<TradingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TradingOptions options)
    {
        var errors = options.Errors();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
