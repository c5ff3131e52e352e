using Microsoft.Extensions.Options;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>Refuses <c>Cluster</c> settings that cannot work before any silo or client starts, naming each key.</summary>
public sealed class CryptoFunkClusterOptionsValidator : IValidateOptions<CryptoFunkClusterOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CryptoFunkClusterOptions options)
    {
        var errors = options.Errors();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
