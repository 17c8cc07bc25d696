using IntegrationHub.Auth;

namespace IntegrationHub.Tests.AccessSweep;

/// <summary>Who may call a route: anyone, any authenticated caller, some roles, or nobody the hub authenticates (a stand-in for another system).</summary>
public sealed record Access(string Kind, IReadOnlyList<string> Roles)
{
    public static readonly Access Public = new("public", []);
    public static readonly Access Authenticated = new("authenticated", []);
    /// <summary>The simulated ministries (Simulators:Enabled, Development only): their own protocols and auth, not the hub's.</summary>
    public static readonly Access External = new("external", []);
    /// <summary>Mapped by a library beside a real route and refused to everyone with a 404 or 405 problem (e.g. SoapCore's extras).</summary>
    public static readonly Access NotServed = new("not served", []);
    public static Access Only(params string[] roles) => new("roles", roles);

    public bool Allows(string? role) => Kind switch
    {
        "public" => true,
        "authenticated" => role is not null,
        "roles" => role is not null && Roles.Contains(role),
        _ => false,
    };

    public override string ToString() => Kind == "roles" ? string.Join("|", Roles) : Kind;
}

/// <summary>One route: its method ("*" for endpoints that take any method), its pattern as normalized by <see cref="RoutePatterns"/>.</summary>
public sealed record RouteAccess(string Method, string Pattern, Access Access)
{
    public string Key => $"{Method} {Pattern}";
}

/// <summary>
/// The sweep's access table: every route the hub serves, with the roles allowed. A route that is served and not
/// listed here fails <see cref="RouteInventoryTests"/>, so a new route cannot slip in unswept.
/// </summary>
public static class RouteAccessTable
{
    private const string Portal = Roles.Portal, Agency = Roles.Agency, Vertical = Roles.Vertical, Admin = Roles.Admin;

    public static readonly IReadOnlyList<RouteAccess> Routes =
    [
        // Operations and documentation: open by design (DESIGN.md: outside /api, scraped by probes).
        new("*", "/health/live", Access.Public),
        new("*", "/health/ready", Access.Public),
        new("*", "/metrics", Access.Public),
        new("GET", "/openapi/{documentName}.json", Access.Public),
        new("GET", "/scalar/{documentName}", Access.Public),
        new("GET", "/scalar/scalar.js", Access.Public),
        new("GET", "/scalar/scalar.aspnetcore.js", Access.Public),
        new("GET", "/scalar/favicon.svg", Access.Public),

        // Sign-in.
        new("GET", "/login", Access.Public),
        new("POST", "/login", Access.Public),
        new("POST", "/logout", Access.Public),
        new("GET", "/api/v1/session", Access.Authenticated),

        // SOAP: the WSDL is public; each operation checks its caller (see SoapOperations). SoapCore also maps these
        // three, which SoapPathGuard refuses with 404 to everyone: the contract is the service's path alone.
        new("*", "/soap/DossierSync", Access.Public),
        new("*", "/soap/DossierSync/$metadata", Access.NotServed),
        new("*", "/soap/DossierSync/mex", Access.NotServed),
        new("*", "/soap/DossierSync/{methodName}", Access.NotServed),

        new("*", "/hangfire/{**path}", Access.Only(Admin)),

        // REST.
        new("POST", "/api/v1/dossiers", Access.Only(Portal)),
        new("GET", "/api/v1/dossiers/{code}", Access.Only(Portal, Agency, Admin)),
        new("POST", "/api/v1/dossiers/{code}/events", Access.Only(Vertical)),
        new("GET", "/api/v1/public/dossiers/{code}", Access.Public),
        new("GET", "/api/v1/public/procedures", Access.Public),
        new("GET", "/api/v1/public/calendar/{year}", Access.Public),
        new("GET", "/api/v1/public/stats", Access.Public),
        new("GET", "/api/v1/reports/late", Access.Only(Agency, Admin)),
        new("GET", "/api/v1/reports/agencies", Access.Only(Agency, Admin)),
        new("GET", "/api/v1/reports/dossiers/{code}/timeline", Access.Only(Agency, Admin)),
        new("POST", "/api/v1/signatures/validate", Access.Only(Portal, Agency, Admin)),
        new("POST", "/api/v1/signatures/seal", Access.Only(Agency)),
        new("GET", "/api/v1/signatures/seal/{id}", Access.Only(Agency)),
        new("POST", "/api/v1/signatures/augment", Access.Only(Agency, Admin)),
        new("GET", "/api/v1/signatures/augment/{id}", Access.Only(Agency, Admin)),
        new("POST", "/api/v1/signing-sessions", Access.Only(Portal)),
        new("POST", "/api/v1/signing-sessions/{id}/complete", Access.Only(Portal)),
        new("GET", "/api/v1/admin/deliveries", Access.Only(Admin)),
        new("GET", "/api/v1/admin/deliveries/counts", Access.Only(Admin)),
        new("GET", "/api/v1/admin/deliveries/circuits", Access.Only(Admin)),
        new("POST", "/api/v1/admin/deliveries/{id}/retry", Access.Only(Admin)),
        new("POST", "/api/v1/admin/deliveries/retry", Access.Only(Admin)),
        new("GET", "/api/v1/admin/console/overview", Access.Only(Admin)),
        new("GET", "/api/v1/admin/console/trust-anchors", Access.Only(Admin)),
        new("POST", "/api/v1/admin/console/replays", Access.Only(Admin)),
        new("GET", "/api/v1/admin/console/replays/{id}", Access.Only(Admin)),
        new("GET", "/api/v1/admin/long-term", Access.Only(Admin)),
        new("GET", "/api/v1/admin/held-seals", Access.Only(Admin)),
        new("GET", "/api/v1/admin/held-seals/circuits", Access.Only(Admin)),
        new("POST", "/api/v1/admin/held-seals/{id}/retry", Access.Only(Admin)),

        // The simulated ministries inside a Development hub (Simulators:Enabled); their control routes are the hub admin's.
        new("GET", "/sim/admin/systems", Access.Only(Admin)),
        new("GET", "/sim/admin/{system}/faults", Access.Only(Admin)),
        new("PUT", "/sim/admin/{system}/faults", Access.Only(Admin)),
        new("GET", "/sim/admin/{system}/received", Access.Only(Admin)),
        new("POST", "/sim/admin/advance", Access.Only(Admin)),
        new("GET", "/sim/planning-investment", Access.External),
        new("POST", "/sim/planning-investment", Access.External),
        new("GET", "/sim/justice", Access.External),
        new("POST", "/sim/justice", Access.External),
        new("GET", "/sim/trade/openapi.yaml", Access.External),
        new("POST", "/sim/trade/oauth2/token", Access.External),
        new("POST", "/sim/trade/api/dossiers", Access.External),
        new("GET", "/sim/trade/api/dossiers/{code}", Access.External),
        new("GET", "/sim/national-portal/openapi.yaml", Access.External),
        new("POST", "/sim/national-portal/api/dongbohoso", Access.External),
        new("POST", "/sim/national-portal/api/dongbotiendo", Access.External),
    ];

    /// <summary>The static pages (wwwroot) by folder: the staff page gate's rule, checked file by file.</summary>
    public static Access ForPage(string path) =>
        path.StartsWith("/admin", StringComparison.Ordinal) ? Access.Only(Admin)
        : path.StartsWith("/leaders", StringComparison.Ordinal) ? Access.Only(Agency, Admin)
        : Access.Public;

    /// <summary>The SOAP operations of /soap/DossierSync (IDossierSync): each checks its caller itself.</summary>
    public static readonly IReadOnlyDictionary<string, Access> SoapOperations = new Dictionary<string, Access>
    {
        ["UpdateDossierStatus"] = Access.Only(Vertical),
        // The same fields as the public lookup; a vertical system still sees only its own dossiers.
        ["GetDossierStatus"] = Access.Authenticated,
    };

    public static RouteAccess? Find(string method, string pattern) =>
        Routes.FirstOrDefault(r => r.Pattern == pattern && (r.Method == method || r.Method == "*"));
}

public static class RoutePatterns
{
    /// <summary>"/api/v1/dossiers/" and "/api/v1/dossiers" alike; "{id:long}" and "{documentName?}" as "{id}", "{documentName}".</summary>
    public static string Normalize(string pattern)
    {
        var p = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\*{0,2}[A-Za-z]+)(:[^}]*)?\??\}", "{$1}");
        if (!p.StartsWith('/')) p = "/" + p;
        return p.Length > 1 ? p.TrimEnd('/') : p;
    }
}
