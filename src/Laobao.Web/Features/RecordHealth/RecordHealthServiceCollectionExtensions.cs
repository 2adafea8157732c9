namespace Laobao.Web.Features.RecordHealth;

public static class RecordHealthServiceCollectionExtensions
{
    public static IServiceCollection AddRecordHealth(this IServiceCollection services)
    {
        services.AddScoped<HealthService>();
        services.AddScoped<Cases.CaseService>();
        services.AddScoped<Staff.StaffDirectory>();
        return services;
    }
}
