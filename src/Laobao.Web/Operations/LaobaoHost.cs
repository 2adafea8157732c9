using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Operations;

/// <summary>
/// How the host finds its configuration and how a failed start ends. A host started from another working directory
/// once read no appsettings.json, trusted no card root and created ./data with an empty SQLite store; and a failed
/// start printed hundreds of lines and aborted (exit 134). Now configuration comes from beside the binaries unless a
/// content root is named, and a start that cannot succeed prints one line and exits with a documented code.
/// </summary>
public static class LaobaoHost
{
    /// <summary>Exit code of a start refused for missing or invalid settings (documented in docs/operator-guide.md).</summary>
    public const int SettingsExitCode = 2;

    /// <summary>Exit code of any other failed start (the store or a file the settings name could not be used).</summary>
    public const int StartFailedExitCode = 3;

    /// <summary>
    /// The content root is the folder of the binaries, whatever the working directory, unless named explicitly with
    /// <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c> (as <c>./demo.sh</c> and the
    /// test hosts do).
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var named = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)
                                  || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = named ? null : AppContext.BaseDirectory,
        };
    }

    /// <summary>
    /// Production refuses to start on settings it would otherwise guess: without an explicit
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Laobao</c> it used to start on an empty SQLite file and answer 200.
    /// One line on standard error, exit <see cref="SettingsExitCode"/>.
    /// </summary>
    public static WebApplicationBuilder RefuseIncompleteProductionSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsProduction())
        {
            return builder;
        }

        var problem = ProductionSettingsProblem(builder.Configuration);
        if (problem is not null)
        {
            Exit(SettingsExitCode, problem);
        }

        return builder;
    }

    /// <summary>What is missing for Production, or null when the store is named explicitly and valid.</summary>
    public static string? ProductionSettingsProblem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration["Database:Provider"]))
        {
            return "Database:Provider is not set (environment Database__Provider): Production needs Postgres and ConnectionStrings:Laobao; it never falls back to a SQLite file.";
        }

        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Laobao")))
        {
            return "ConnectionStrings:Laobao is not set (environment ConnectionStrings__Laobao): Production needs the store named explicitly.";
        }

        if (string.IsNullOrWhiteSpace(configuration[Security.Sessions.DataProtectionKeyEncryption.CertificatePathKey]))
        {
            return $"{Security.Sessions.DataProtectionKeyEncryption.CertificatePathKey} is not set (environment DataProtection__CertificatePath): Production encrypts the Data Protection keys stored in the database with that certificate (see docs/operator-guide.md).";
        }

        try
        {
            _ = Data.DatabaseSettings.From(configuration);
        }
        catch (InvalidOperationException exception)
        {
            return exception.Message;
        }

        return null;
    }

    /// <summary>
    /// Starts the host and waits for shutdown. In Production a start that throws (an options check, a trust anchor
    /// file, the store) ends with one line naming the problem and a documented exit code instead of an abort.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any failed start ends the process with one line and an exit code.")]
    public static void RunLaobao(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsProduction())
        {
            app.Run();
            return;
        }

        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (OptionsValidationException exception)
        {
            Exit(SettingsExitCode, string.Join(" ", exception.Failures));
        }
        catch (Exception exception)
        {
            Exit(exception is InvalidOperationException ? SettingsExitCode : StartFailedExitCode, OneLine(exception));
        }

        app.WaitForShutdown();
    }

    private static string OneLine(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null && innermost is AggregateException)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.ReplaceLineEndings(" ");
    }

    [DoesNotReturn]
    private static void Exit(int code, string problem)
    {
        Console.Error.WriteLine($"Laobao did not start: {problem}");
        Console.Error.Flush();
        Environment.Exit(code);
        throw new UnreachableException();
    }
}
