using Laobao.App;
using Laobao.App.Browser;
using Laobao.App.Device;
using Laobao.App.Localization;
using Laobao.App.Offline;
using Laobao.App.Session;
using Laobao.Client;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The API lives on the same origin as the app (/api/v1 beside /app), so the site root is the API's base address.
var site = new Uri(new Uri(builder.HostEnvironment.BaseAddress), "/");
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = site });
builder.Services.AddScoped<LaobaoApiClient>();
builder.Services.AddScoped<PasskeyApiClient>();
builder.Services.AddScoped<PasskeyStore>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<BrowserStorage>();
builder.Services.AddScoped<BrowserFacts>();
builder.Services.AddScoped<AppSettings>();
builder.Services.AddScoped<Ui>();
builder.Services.AddScoped<DeviceKeyStore>();
builder.Services.AddScoped<OfflineCache>();
builder.Services.AddScoped<AppSession>();
builder.Services.AddScoped<DataLoader>();
builder.Services.AddScoped<PendingLink>();

await builder.Build().RunAsync();
