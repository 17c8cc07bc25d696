using IntegrationHub.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Apis;

/// <summary>problem+json answers with a status, a title and a detail.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Titles.For(status), type: Titles.TypeFor(status), extensions: extensions);

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "One or more fields are invalid.", title: "Invalid request", type: Titles.TypeFor(400));
}
