using System.Net;
using Laobao.Web.Mail;
using Laobao.Web.Tests.Features.MobileAccount.Support;
using Microsoft.EntityFrameworkCore;
using static Laobao.Web.Tests.Features.MobileAccount.Support.AccountSteps;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>The account's mail through the outbox when the SMTP server goes away, and the demo's local mailbox.</summary>
public sealed class MailDeliveryTests
{
    [Fact]
    public async Task Applications_succeed_while_smtp_is_down_and_their_mail_arrives_once_it_is_back()
    {
        await using var host = await AccountTestHost.StartAsync();
        var people = new[]
        {
            await host.AddPersonAsync("A123456789", "王小明", new DateOnly(1971, 1, 2)),
            await host.AddPersonAsync(AccountTestHost.IdNumber("B22345678"), "陳美玲", new DateOnly(1985, 6, 30)),
            await host.AddPersonAsync(AccountTestHost.IdNumber("F13579246"), "林志豪", new DateOnly(1990, 12, 31)),
        };
        var addresses = people.Select((_, i) => $"outage{i}@example.tw").ToArray();
        var browsers = new List<DeskBrowser>();
        try
        {
            // The first application is mailed while the server is up.
            browsers.Add(await ApplyOkAsync(host, people[0], addresses[0]));
            Assert.Single(await host.Smtp.WaitForAsync(addresses[0], 1));

            // The server goes away; the next applications still succeed.
            await host.Smtp.StopAsync();
            for (var i = 1; i < people.Length; i++)
            {
                browsers.Add(await ApplyOkAsync(host, people[i], addresses[i]));
            }

            // The sender tried and failed: both messages are still waiting, none lost.
            await WaitUntilAsync(async () => (await host.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Attempts > 0 && m.SentAt == null).CountAsync())) == 2);
            var waiting = await host.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null).ToListAsync());
            Assert.All(waiting, m => Assert.StartsWith("SocketException", m.LastError, StringComparison.Ordinal));
            Assert.Single(host.Smtp.Messages());

            await host.Smtp.StartAsync();
            host.Time.Advance(TimeSpan.FromMinutes(1));
            foreach (var address in addresses)
            {
                await host.Smtp.WaitForAsync(address, 1);
            }

            await WaitUntilAsync(async () => (await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null))) == 0);

            // A code that waited out the outage still works (it is valid 10 minutes from the application).
            var late = CodeIn(Assert.Single(host.Smtp.MessagesTo(addresses[2])));
            Assert.Equal("redirect:/desk/accounts?done=activated", await EnterCodeAsync(browsers[2], "/desk/accounts/activate", "Activate", late));
            await host.Smtp.WaitForAsync(addresses[2], 2);

            // Later rounds find nothing to send again: one code mail per application, the first one not resent.
            host.Time.Advance(TimeSpan.FromMinutes(30));
            await Task.Delay(TimeSpan.FromSeconds(1));
            foreach (var address in addresses)
            {
                Assert.Single(host.Smtp.MessagesTo(address), m => m.Subject?.Contains("啟用碼", StringComparison.Ordinal) == true);
            }

            Assert.Equal(4, host.Smtp.Messages().Count);
            Assert.Equal(4, host.Smtp.Messages().Select(m => m.MessageId).Distinct().Count());
            var sent = await host.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());
            Assert.All(sent, m => Assert.Equal("", m.Payload));
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    private static async Task<DeskBrowser> ApplyOkAsync(AccountTestHost host, CardHolder holder, string address)
    {
        var browser = host.NewBrowser();
        await browser.SignInAsync(holder);
        await AcceptTermsAsync(browser);
        var submission = await ApplyAsync(browser, holder, address);
        Assert.Equal(HttpStatusCode.OK, submission.Application!.StatusCode);
        return browser;
    }

    [Fact]
    public async Task Without_smtp_the_demo_keeps_mail_in_the_local_mailbox_page()
    {
        await using var host = await AccountTestHost.StartAsync(localMailbox: true);
        var holder = await host.AddPersonAsync("A123456789", "王小明", new DateOnly(1971, 1, 2));
        using var browser = host.NewBrowser();
        await browser.SignInAsync(holder);
        await AcceptTermsAsync(browser);
        await ApplyAsync(browser, holder, "demo@example.tw");

        string page = "";
        await WaitUntilAsync(async () =>
        {
            page = await browser.Client.GetStringAsync("/desk/mailbox");
            return page.Contains("demo@example.tw", StringComparison.Ordinal);
        });
        Assert.Matches(@"啟用碼是：\d{8}", page);
        Assert.Empty(host.Smtp.Messages());
    }

    [Fact]
    public async Task The_mailbox_page_does_not_exist_when_smtp_is_configured()
    {
        await using var host = await AccountTestHost.StartAsync();
        using var browser = host.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync("/desk/mailbox")).StatusCode);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 60 s");
            await Task.Delay(100);
        }
    }
}
