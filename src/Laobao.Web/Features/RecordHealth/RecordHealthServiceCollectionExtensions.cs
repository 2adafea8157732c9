namespace Laobao.Web.Features.RecordHealth;

public static class RecordHealthServiceCollectionExtensions
{
    public static IServiceCollection AddRecordHealth(this IServiceCollection services)
    {
        services.AddScoped<HealthService>();
        return services;
    }
}
