using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlowGen.SampleApp.Tests;

public sealed class BookstoreTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Lists_the_catalogue_with_cors_headers()
    {
        var response = await _client.GetAsync("/books");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        using var books = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(new[] { "Dune", "Neuromancer", "The Left Hand of Darkness" }, books.RootElement.EnumerateArray().Select(b => b.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Gets_one_book_by_id_or_404()
    {
        var found = await _client.GetAsync("/books/b2");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("{\"id\":\"b2\",\"title\":\"Neuromancer\",\"author\":\"William Gibson\",\"year\":1984}", await found.Content.ReadAsStringAsync());

        var missing = await _client.GetAsync("/books/zz");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("{\"error\":\"book not found\",\"id\":\"zz\"}", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Adds_a_book_with_201_and_location_or_rejects_it_without_a_title()
    {
        var created = await _client.PostAsync("/books", Json("{\"title\":\"Kindred\"}"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var book = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("Kindred", book.RootElement.GetProperty("title").GetString());
        Assert.Equal($"/books/{book.RootElement.GetProperty("id").GetDouble()}", created.Headers.Location?.ToString());

        var rejected = await _client.PostAsync("/books", Json("{\"author\":\"nobody\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal("{\"error\":\"a book needs a title\"}", await rejected.Content.ReadAsStringAsync());

        var malformed = await _client.PostAsync("/books", Json("{\"title\":"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Deletes_with_204_or_404()
    {
        var deleted = await _client.DeleteAsync("/books/b1");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync("/books/nope")).StatusCode);
    }

    [Fact]
    public async Task Old_catalogue_url_redirects_permanently()
    {
        var response = await _client.GetAsync("/catalogue");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/books", response.Headers.Location?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Home_page_is_html_rendered_from_the_catalogue()
    {
        var response = await _client.GetAsync("/");

        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<li><a href=\"/books/b3\">The Left Hand of Darkness</a> by Ursula K. Le Guin (1969)</li>", html);
    }

    [Fact]
    public async Task Session_cookie_is_set_and_cleared()
    {
        var signIn = await _client.PostAsync("/session", Json("{\"user\":\"ada\"}"));
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("session=ada; Max-Age=3600; Path=/; Expires=", cookie);
        Assert.EndsWith("; HttpOnly; SameSite=Lax", cookie);

        var signOut = await _client.DeleteAsync("/session");
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal("session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT", Assert.Single(signOut.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task Seed_flows_answer_as_node_red_does()
    {
        var cookies = await _client.GetAsync("/test");
        Assert.Equal(HttpStatusCode.OK, cookies.StatusCode);
        var setCookies = cookies.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal("name=nick; Path=/", setCookies[0]);
        Assert.Matches("^session=1234; Max-Age=900; Path=/; Expires=.* GMT$", setCookies[1]);
        Assert.Equal("{}", await cookies.Content.ReadAsStringAsync());

        var html = await _client.GetAsync("/test-html");
        Assert.Equal("text/html; charset=utf-8", html.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("<!DOCTYPE html>\n<html>\n<head>\n    <title>Simple HTML Example</title>", await html.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Options_lists_the_methods_of_a_path()
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/books"));

        Assert.Equal("GET,HEAD,POST", await response.Content.ReadAsStringAsync());
    }
}
