using System.Threading.RateLimiting;

namespace IntegrationHub.Extensions;

/// <summary>
/// Public routes and login attempts are limited per client IP (fixed window, RateLimiting:* settings); 429 beyond.
/// </summary>
public static class RateLimitExtensions
{
    public const string Public = "public";
    public const string Login = "login";

    public static void AddHubRateLimiting(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimiting:PublicPermitLimit", 120);
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue("RateLimiting:PublicWindowSeconds", 60));
        var loginPermits = builder.Configuration.GetValue("RateLimiting:LoginPermitLimit", 20);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
            // Guessing keys or passwords through the login form: a few tries a minute per address.
            options.AddPolicy(Login, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }
}
