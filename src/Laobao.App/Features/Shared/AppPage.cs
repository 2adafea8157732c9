using Laobao.App.Localization;
using Microsoft.AspNetCore.Components;

namespace Laobao.App.Features.Shared;

/// <summary>A page that re-renders when the language is switched (its own parameters do not change then).</summary>
public abstract class AppPage : ComponentBase, IDisposable
{
    [Inject]
    protected Ui T { get; set; } = default!;

    protected override void OnInitialized() => T.Changed += OnLanguageChanged;

    public void Dispose()
    {
        T.Changed -= OnLanguageChanged;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private void OnLanguageChanged() => InvokeAsync(StateHasChanged);
}
