using Laobao.Client;

namespace Laobao.Web.Features.Estimates;

/// <summary>The break-even chart's data and its labels in the page's language.</summary>
public sealed record BreakEvenChart(BreakEvenView View, string Label, string AnnuityLabel, string LumpLabel);
