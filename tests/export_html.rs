//! `peta export --format html`: a self-contained page (structure checked here) that headless
//! Chromium renders to a screenshot and a PDF. Chromium is required when
//! PETA_REQUIRE_CONSUMERS=1 (CI) and skipped otherwise.

mod common;

use common::{peta, today, SAMPLE, TODAY};
use peta::model::{Date, Dependency, Item, Kind, LinkType, Roadmap};
use peta::report::export::html::{escape, to_html, ROWS_PER_BLOCK};
use peta::schedule::{schedule, Options};
use std::path::Path;
use std::time::{Duration, Instant};

fn sample_html() -> (Roadmap, peta::schedule::Schedule, String) {
    let (roadmap, plan) = common::sample();
    let html = to_html(&roadmap, &plan, today());
    (roadmap, plan, html)
}

#[test]
fn the_page_is_self_contained() {
    let (_, _, html) = sample_html();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.trim_end().ends_with("</html>"));
    let lower = html.to_lowercase();
    for banned in [
        "<script", "http://", "https://", "<link", "<img", "@import", "url(", "<iframe",
    ] {
        assert!(!lower.contains(banned), "the page contains {banned:?}");
    }
    assert!(html.contains("@page { size: landscape;"));
    assert!(html.contains("@media print"));
    // Every <svg> is closed, and each block of the chart is one unbreakable svg.
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
}

#[test]
fn every_item_is_drawn_once_with_its_class() {
    let (roadmap, plan, html) = sample_html();
    for item in &roadmap.items {
        let attribute = format!("data-item=\"{}\"", escape(&item.id));
        assert_eq!(html.matches(&attribute).count(), 1, "{}", item.id);
    }
    assert_eq!(html.matches("<g class=\"item").count(), 59);
    assert_eq!(
        html.matches("<g class=\"item critical").count(),
        plan.critical_count()
    );
    assert_eq!(plan.critical_count(), 11);
    // Milestones are diamonds, the others bars (counted in the chart, not the legend).
    let chart = &html[html.find("<svg class=\"gantt\"").unwrap()..];
    let chart = &chart[..chart.find("</section>").unwrap()];
    let milestones = roadmap
        .items
        .iter()
        .filter(|i| i.kind == Some(Kind::Milestone))
        .count();
    assert_eq!(chart.matches("<path class=\"ms\"").count(), milestones);
    assert_eq!(
        chart.matches("<rect class=\"bar\"").count(),
        59 - milestones
    );
    // One header per sector (none is longer than a block), each block with its axis.
    assert_eq!(html.matches("<g class=\"sector\">").count(), 8);
    assert!(html.contains("Infrastructure (11 items)</text>"));
    assert_eq!(html.matches("<svg class=\"gantt\"").count(), 8);
    assert_eq!(html.matches("class=\"year-label\"").count(), 8 * 5);
    // An arrow for each driving link inside a sector (every sector of the sample is one
    // block), red when both ends are critical.
    let same_sector = |i: usize| {
        plan.items[i]
            .driving_predecessor
            .filter(|&p| roadmap.items[p].sector == roadmap.items[i].sector)
    };
    let arrows = (0..59).filter(|&i| same_sector(i).is_some()).count();
    let critical_arrows = (0..59)
        .filter(|&i| {
            same_sector(i).is_some_and(|p| plan.items[p].critical && plan.items[i].critical)
        })
        .count();
    assert_eq!((arrows, critical_arrows), (9, 4));
    assert_eq!(chart.matches("<g class=\"link").count(), arrows);
    assert_eq!(
        chart.matches("<g class=\"link critical-link\"").count(),
        critical_arrows
    );
    // The today line in every block.
    assert_eq!(chart.matches("<line class=\"today\"").count(), 8);
}

#[test]
fn the_page_tells_forecast_critical_path_and_money() {
    let (_, _, html) = sample_html();
    assert!(html.contains("<h1>SPBE roadmap 2025-2029</h1>"));
    assert!(html.contains(
        "Forecast finish <b>2029-12-14</b> against the target end 2029-12-31: \
         <b class=\"ok\">17 days early</b>"
    ));
    assert!(html.contains(
        "<li>ms-pdn-1-golive -&gt; gov-cloud-platform -&gt; priority-services-wave-2 -&gt; \
         services-wave-3 -&gt; ms-spbe-2029-target (FS +14)</li>"
    ));
    assert!(html.contains("<td class=\"count-critical\">11</td>"));
    assert!(html.contains("blocked by regulation permen-interoperability (drafting)"));
    // Funding totals as `peta` prints money.
    assert!(html.contains("<h2>Funding</h2>"));
    assert!(html.contains("<tr><th>State budget (APBN)</th>"));
    assert!(html.contains("Rp 34,9 T"), "total cost");
}

#[test]
fn text_is_escaped_everywhere() {
    let mut roadmap =
        Roadmap::new("<script>alert('x')</script> & \"friends\"", 2025, 2026).unwrap();
    roadmap.sectors[0].name = "R&D <lab>".to_string();
    roadmap.items.push(Box::new(Item {
        id: "a<b>".to_string(),
        title: "Say \"hi\" & <b>bye</b>".to_string(),
        kind: Some(Kind::Initiative),
        sector: roadmap.sectors[0].id.clone(),
        start: Date::from_ymd_opt(2025, 2, 1),
        end: Date::from_ymd_opt(2025, 3, 1),
        ..Default::default()
    }));
    let plan = schedule(&roadmap, &Options::new(today()));
    let html = to_html(&roadmap, &plan, today());
    assert!(!html.contains("<script"));
    assert!(!html.contains("<b>bye"));
    assert!(html.contains(
        "<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</title>"
    ));
    assert!(html.contains("data-item=\"a&lt;b&gt;\""));
    assert!(html.contains("Say &quot;hi&quot; &amp; &lt;b&gt;bye&lt;/b&gt;"));
    assert!(html.contains("R&amp;D &lt;lab&gt; (1 item)"));
}

/// 100,000 items in one sector: blocks of ROWS_PER_BLOCK rows, built in linear time.
#[test]
fn a_hundred_thousand_items_render_in_blocks() {
    let mut roadmap = Roadmap::new("Big", 2025, 2030).unwrap();
    let sector = roadmap.sectors[0].id.clone();
    let n = 100_000;
    for i in 0..n {
        let start = Date::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(i % 1500);
        let depends_on = if i % 10 == 0 || i == 0 {
            Vec::new()
        } else {
            vec![Dependency {
                id: format!("i{}", i - 1),
                link: LinkType::SS,
                lag_days: 1,
                ..Default::default()
            }]
        };
        roadmap.items.push(Box::new(Item {
            id: format!("i{i}"),
            title: format!("Item {i}"),
            kind: Some(Kind::Initiative),
            sector: sector.clone(),
            start: Some(start),
            end: Some(start + chrono::Days::new(30)),
            depends_on,
            ..Default::default()
        }));
    }
    let plan = schedule(&roadmap, &Options::new(today()));
    // Speed is a benchmark's business (`cargo bench`); here only that every item is drawn.
    let html = to_html(&roadmap, &plan, today());
    assert_eq!(html.matches("<g class=\"item").count(), n as usize);
    assert_eq!(
        html.matches("<svg class=\"gantt\"").count(),
        (n as usize).div_ceil(ROWS_PER_BLOCK)
    );
    assert!(html.contains("Infrastructure, continued (100000 items)"));
}

fn chromium_available() -> bool {
    common::consumer(common::runs("chromium"), "chromium", "chromium.sh")
}

/// Headless Chromium with a time limit (it can be slow to start on a busy machine).
fn chromium(dir: &Path, args: &[String]) {
    let mut child = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {args:?} failed: {status}");
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium {args:?} took more than 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn chromium_renders_the_page_and_prints_it() {
    if !chromium_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("roadmap.html");
    peta()
        .args(["export", "--format", "html", "--today", TODAY, "-o"])
        .arg(&page)
        .arg(SAMPLE)
        .assert()
        .success();
    let (_, _, html) = sample_html();
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html);
    let url = format!("file://{}", page.display());
    let png = dir.path().join("roadmap.png");
    let pdf = dir.path().join("roadmap.pdf");
    chromium(
        dir.path(),
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1600,1000".to_string(),
            url.clone(),
        ],
    );
    chromium(
        dir.path(),
        &[format!("--print-to-pdf={}", pdf.display()), url],
    );

    // The screenshot: a real picture with the chart's colours in it.
    let file = std::io::BufReader::new(std::fs::File::open(&png).unwrap());
    let mut decoder = png::Decoder::new(file);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!((info.width, info.height), (1600, 1000));
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buffer[..info.buffer_size()].chunks(channels).collect();
    let count = |test: &dyn Fn(u8, u8, u8) -> bool| {
        pixels.iter().filter(|p| test(p[0], p[1], p[2])).count()
    };
    let not_white = count(&|r, g, b| r < 240 || g < 240 || b < 240);
    let red = count(&|r, g, b| r > 170 && g < 70 && b < 70);
    let blue = count(&|r, g, b| b > 150 && r < 110 && g < 150);
    assert!(not_white > pixels.len() / 10, "mostly blank: {not_white}");
    assert!(red > 2_000, "critical bars missing: {red} red pixels");
    assert!(blue > 10_000, "bars missing: {blue} blue pixels");

    // The PDF: landscape pages, a sensible number of them.
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() > 20_000);
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert!((2..=12).contains(&pages), "{pages} pages");
    let media = text
        .split("/MediaBox [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap();
    let numbers: Vec<f64> = media
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(numbers[2] > numbers[3], "not landscape: {media}");
}
