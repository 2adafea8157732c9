using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Laobao.Web.Tests.Features.Demo;

/// <summary>
/// The demo's CRL endpoint (<c>/crl/</c>, for the development PKI of <c>./demo.sh</c>) exists in the Demo environment
/// only, serves only <c>*.crl</c> files of its folder, and is absent from Production and Development whatever the
/// configuration says.
/// </summary>
public sealed class DemoHostingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("laobao-demo-hosting-").FullName;
    private readonly byte[] crl = [0x30, 0x82, 0x01, 0x0A, 0x01, 0x02, 0x03];

    public DemoHostingTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "crl"));
        File.WriteAllBytes(Path.Combine(folder, "crl", "moica-demo.crl"), crl);
        File.WriteAllText(Path.Combine(folder, "secret.key"), "not for the web");
    }

    [Fact]
    public async Task In_the_demo_the_development_pki_crls_are_served_and_nothing_else()
    {
        await using var factory = Host("Demo");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/crl/moica-demo.crl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pkix-crl", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(crl, await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/crl/root-demo.crl")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/crl/..%2Fsecret.key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/crl/secret.key")).StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Outside_the_demo_there_is_no_crl_endpoint_even_when_configured(string environment)
    {
        await using var factory = Host(environment);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/crl/moica-demo.crl")).StatusCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private WebApplicationFactory<Program> Host(string environment) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Laobao", $"Data Source={Path.Combine(folder, environment + ".db")}");
            builder.UseSetting("Desk:Origin", "http://127.0.0.1:5080");
            builder.UseSetting("Mail:LocalMailbox", "true");
            builder.UseSetting("Demo:CrlFolder", Path.Combine(folder, "crl"));
            // Production needs the certificate that encrypts the Data Protection keys at rest.
            builder.UseSetting("DataProtection:CertificatePath", Laobao.Web.Tests.Security.Sessions.DataProtectionCertificate.WritePfx(folder, "pw"));
            builder.UseSetting("DataProtection:CertificatePassword", "pw");
        });
}
