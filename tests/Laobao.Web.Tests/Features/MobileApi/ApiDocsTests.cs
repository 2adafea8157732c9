using System.Text.Json;
using Laobao.Web.Data;

namespace Laobao.Web.Tests.Features.MobileApi;

public sealed class ApiDocsTests
{
    [Fact]
    public async Task TheOpenApiDocumentListsEveryCallOfTheSpecTable()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var http = world.Http();
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths");

        string[] expected =
        [
            "/api/v1/device-links", "/api/v1/device-links/{linkId}", "/api/v1/sessions/challenge", "/api/v1/sessions",
            "/api/v1/sessions/refresh", "/api/v1/sessions/current", "/api/v1/me", "/api/v1/me/coverage", "/api/v1/me/pension",
            "/api/v1/me/devices", "/api/v1/me/activity", "/api/v1/me/devices/{deviceId}",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out _), "missing " + path);
        }

        Assert.False(paths.TryGetProperty("/desk/api/device-link/ticket", out _), "the e-desk's own calls are not part of the mobile API");
    }

    [Fact]
    public async Task TheReferencePageAloneGetsTheRelaxedPolicy()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var http = world.Http();
        using var docs = await http.GetAsync(new Uri("api/docs/", UriKind.Relative));
        docs.EnsureSuccessStatusCode();
        Assert.Contains("'unsafe-inline'", docs.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var desk = await http.GetAsync(new Uri("desk", UriKind.Relative));
        Assert.DoesNotContain("unsafe-inline", desk.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
