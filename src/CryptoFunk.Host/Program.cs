using CryptoFunk.Host;


return await CryptoFunkApp.RunAsync(args, Console.Out, Console.Error, configure: null, CancellationToken.None);
