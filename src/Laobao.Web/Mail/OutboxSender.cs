using Microsoft.Extensions.Options;

namespace Laobao.Web.Mail;

/// <summary>The background sender: a round whenever woken or every poll interval, again at once while rows keep coming.</summary>
public sealed partial class OutboxSender(OutboxDelivery delivery, OutboxSignal signal, IOptions<MailOptions> options, ILogger<OutboxSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await delivery.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be briefly away; the sender must outlive that and try again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, exception);
            }

            if (taken < options.Value.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Outbox round failed; trying again at the next poll")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
