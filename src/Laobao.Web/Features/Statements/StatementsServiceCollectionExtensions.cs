namespace Laobao.Web.Features.Statements;

public static class StatementsServiceCollectionExtensions
{
    /// <summary>Statements, their public check and "my data" (SPEC §10).</summary>
    public static IServiceCollection AddStatements(this IServiceCollection services)
    {
        services.AddOptions<StatementOptions>().BindConfiguration(StatementOptions.Section);
        services.AddSingleton<StatementSigner>();
        services.AddScoped<StatementService>();
        services.AddOptions<StatementVerificationOptions>().BindConfiguration(StatementVerificationOptions.Section);
        services.AddScoped<StatementVerification>();
        services.AddScoped<StatementUi>();
        services.AddScoped<MyDataExport>();
        return services;
    }
}
