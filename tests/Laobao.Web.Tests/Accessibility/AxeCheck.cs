using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Laobao.Web.Tests.Accessibility;

/// <summary>Runs axe-core on the page as it is now and fails on any serious or critical WCAG 2.1 A/AA violation.</summary>
public static class AxeCheck
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string screen)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        var blocking = result.Violations.Where(v => v.Impact is not null && Blocking.Contains(v.Impact)).ToList();
        if (blocking.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"{screen} ({page.Url}) has {blocking.Count} serious or critical accessibility violation(s):");
        foreach (var violation in blocking)
        {
            message.Append(CultureInfo.InvariantCulture, $"\n- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes.Take(10))
            {
                message.Append(CultureInfo.InvariantCulture, $"\n    on {node.Target}: {node.Html}");
                // What axe found wrong at this node: "any" checks all failed, "all"/"none" checks that failed.
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []))
                {
                    message.Append("\n      ").Append(check.Message);
                }
            }
        }

        Assert.Fail(message.ToString());
    }
}
