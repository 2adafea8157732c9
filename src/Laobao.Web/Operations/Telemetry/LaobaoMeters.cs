using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace Laobao.Web.Operations.Telemetry;

/// <summary>
/// Laobao's own meters (SPEC §13). Every tag value is one of a small fixed set — a method, an outcome code, a mail
/// template, an inquiry kind — never an ID number, email, address or token: <see cref="SafeTag"/> replaces anything
/// else with "other".
/// </summary>
public sealed partial class LaobaoMeters
{
    public const string MeterName = "Laobao";

    private readonly Counter<long> signIns;
    private readonly Counter<long> cardCheckFailures;
    private readonly Counter<long> mailSent;
    private readonly Counter<long> activationCodesSent;
    private readonly Histogram<double> inquiryDuration;

    public LaobaoMeters(IMeterFactory meters, OutboxGauge outbox)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(outbox);
        var meter = meters.Create(MeterName);
        signIns = meter.CreateCounter<long>("laobao.sign_ins", "{sign-in}", "Sign-ins by method (card, mobile) and outcome (ok or the refusal code).");
        cardCheckFailures = meter.CreateCounter<long>("laobao.card_check.failures", "{failure}", "Refused card sign-ins by check code (SPEC §4.3).");
        mailSent = meter.CreateCounter<long>("laobao.mail.sent", "{mail}", "Mails handed to the relay, by template.");
        activationCodesSent = meter.CreateCounter<long>("laobao.activation_codes.sent", "{code}", "Activation codes handed to the relay.");
        inquiryDuration = meter.CreateHistogram<double>(
            "laobao.inquiry.duration",
            "s",
            "Time to answer an inquiry (coverage, pension, estimate) on the e-desk or the API.",
            tags: null,
            // Seconds, from 5 ms to 10 s: the boundaries ASP.NET Core uses for http.server.request.duration.
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
        meter.CreateObservableGauge("laobao.outbox.depth", () => outbox.Depth, "{mail}", "Mails waiting in the outbox (not sent, not given up).");
        meter.CreateObservableGauge("laobao.outbox.oldest_age", () => outbox.OldestAgeSeconds, "s", "Age of the oldest mail waiting in the outbox.");
    }

    /// <summary>Called for every audit row: sign-ins are counted from the same event the person sees in their history.</summary>
    public void Audited(string action, string outcome)
    {
        var method = action switch
        {
            "card-login" => "card",
            "mobile-sign-in" => "mobile",
            "mobile-refresh" => "mobile-refresh",
            "passkey-login" => "passkey",
            _ => null,
        };
        if (method is null)
        {
            return;
        }

        var safeOutcome = SafeTag(outcome);
        signIns.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", safeOutcome));
        if (method == "card" && safeOutcome != "ok")
        {
            cardCheckFailures.Add(1, new KeyValuePair<string, object?>("code", safeOutcome));
        }
    }

    public void MailSent(string template)
    {
        mailSent.Add(1, new KeyValuePair<string, object?>("template", SafeTag(template)));
        if (template == "ActivationCode")
        {
            activationCodesSent.Add(1);
        }
    }

    public void Inquiry(string kind, string channel, TimeSpan elapsed) =>
        inquiryDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", SafeTag(kind)), new KeyValuePair<string, object?>("channel", SafeTag(channel)));

    /// <summary>A code-like word (letters, dots, dashes; no digits, no '@') or "other".</summary>
    public static string SafeTag(string? value) => value is not null && CodeWord().IsMatch(value) ? value : "other";

    [GeneratedRegex("^[A-Za-z][A-Za-z.\\-]{0,47}$")]
    private static partial Regex CodeWord();
}
