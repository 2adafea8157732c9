namespace Laobao.Web.Features.RecordHealth;

public static class RecordHealthServiceCollectionExtensions
{
    public static IServiceCollection AddRecordHealth(this IServiceCollection services)
    {
        services.AddScoped<HealthService>();
        services.AddScoped<Cases.CaseService>();
        services.AddScoped<Staff.StaffDirectory>();
        services.AddScoped<Alerts.AlertService>();
        services.AddScoped<Alerts.AlertMailer>();
        services.AddOptions<Alerts.AlertOptions>().BindConfiguration(Alerts.AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<Alerts.AlertMailerService>();
        return services;
    }
}
