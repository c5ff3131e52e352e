namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Shows an endpoint without user info or query string, because some gateways take a key there
/// (<c>https://user:secret@host</c>, <c>?key=...</c>) and endpoints end up in logs and metadata.
/// </summary>
internal static class EndpointDisplay
{
    public static string Describe(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return "default";
        }

        return Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) ? Strip(uri).ToString() : "(invalid URL)";
    }

    public static Uri Strip(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Query)
            ? uri
            : new UriBuilder(uri) { UserName = "", Password = "", Query = "" }.Uri;
}
