namespace CryptoFunk.Engine;

/// <summary>
/// A caveat on how far a run's result can be trusted, shown in the summary, its JSON and the report; the code is
/// stable so scripts can match it, the message is for people.
/// </summary>
/// <param name="Code">Stable snake_case code, such as <see cref="TrainingCutoffWarnings.Code"/>.</param>
/// <param name="Message">One sentence saying what and why.</param>
public sealed record RunWarning(string Code, string Message);
