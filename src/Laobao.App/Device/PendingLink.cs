namespace Laobao.App.Device;

/// <summary>A ticket the app was opened with (<c>/app/#link=…</c>), handed from the start page to the linking page in memory.</summary>
public sealed class PendingLink
{
    public string? Ticket { get; set; }
}
