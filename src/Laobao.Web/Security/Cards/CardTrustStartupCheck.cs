namespace Laobao.Web.Security.Cards;

/// <summary>
/// Loads the configured trust anchors when the host starts, so a wrong path or a broken file stops the
/// host with a message naming it instead of surfacing at the first sign-in.
/// </summary>
public sealed class CardTrustStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<CardTrustAnchors>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
