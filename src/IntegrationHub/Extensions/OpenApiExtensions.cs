using IntegrationHub.Dossiers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace IntegrationHub.Extensions;

/// <summary>The OpenAPI document at /openapi/v1.json (kept equal to contracts/openapi/v1.json) and Scalar's UI at /scalar.</summary>
public static class OpenApiExtensions
{
    public static void AddHubOpenApi(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "IntegrationHub API";
                document.Info.Version = "v1";
                document.Info.Description = "Dossier intake, status sync, public transparency data and signature services.";
                // The served document must not depend on the address the hub listens on.
                document.Servers = [];
                return Task.CompletedTask;
            });
            // A base64 field is a string on the wire, whatever type binds it (Base64Bytes decodes it as it is read).
            options.CreateSchemaReferenceId = type => type.Type == typeof(Base64Bytes) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(Base64Bytes))
                {
                    schema.Type = JsonSchemaType.Null | JsonSchemaType.String; // nullable, as every field of the wire shapes
                    schema.Format = "byte";
                }
                return Task.CompletedTask;
            });
        });

    public static void MapHubOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", options => options.WithTitle("IntegrationHub API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
    }
}
