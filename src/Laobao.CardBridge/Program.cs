using Laobao.CardBridge;

try
{
    await using var app = CardBridgeApp.Build(args);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (CardBridgeConfigurationException e)
{
    await Console.Error.WriteLineAsync($"Laobao.CardBridge: {e.Message}").ConfigureAwait(false);
    return 2;
}
catch (IOException e)
{
    // Typically the port is taken (another HiPKI Local Server is running).
    await Console.Error.WriteLineAsync($"Laobao.CardBridge: cannot listen: {e.Message}").ConfigureAwait(false);
    return 1;
}
