using Microsoft.Extensions.Options;

namespace CryptoFunk.Storage;

/// <summary>Refuses a malformed <c>Database:ConnectionString</c> before anything is opened, naming the key.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = options.Errors();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
