//! Checking and applying a changed item, as the edit form submits it.

use super::*;

/// Replaces the item with `new` after checking what changed, and renames references to its
/// id in other items when the id changes.
///
/// Only what differs from the current item is checked, so a problem already in the file
/// (shown by validation) does not block editing other fields. A kept invalid value is dropped
/// once its field holds a typed value: when the field is present (`Some`, non-empty) or was
/// changed. A caller that wants to drop one anyway removes the key from `new.invalid`.
pub fn update_item(roadmap: &Roadmap, index: usize, new: Item) -> Result<Edit, Vec<FieldError>> {
    update_item_with(roadmap, None, index, new)
}

/// [`update_item`] with the roadmap's dependency network and ids at hand (the TUI keeps
/// both), so that checking new dependencies for loops reads no other item.
pub fn update_item_in(
    roadmap: &Roadmap,
    lookup: Lookup,
    index: usize,
    new: Item,
) -> Result<Edit, Vec<FieldError>> {
    update_item_with(roadmap, Some(lookup), index, new)
}

fn update_item_with(
    roadmap: &Roadmap,
    lookup: Option<Lookup>,
    index: usize,
    new: Item,
) -> Result<Edit, Vec<FieldError>> {
    let Some(old) = roadmap.items.get(index) else {
        return Err(vec![FieldError::new(
            "item",
            crate::text!(FieldNoItem, n = index + 1),
        )]);
    };
    let mut errors = check_item_fields(roadmap, index, old, &new);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut item = new;
    settle_invalid(old, &mut item);
    if item == **old {
        return Ok(Edit::empty());
    }
    let renamed = item.id != old.id
        && !old.id.is_empty()
        && id_used_elsewhere(roadmap, &old.id, index).is_none();
    let mut edits = Vec::new();
    if renamed {
        edits = relink(roadmap, &old.id, Some(&item.id), index);
    }
    let added: Vec<String> = item
        .depends_on
        .iter()
        .filter(|d| !old.depends_on.iter().any(|o| o.id == d.id))
        .map(|d| d.id.clone())
        .collect();
    edits.insert(0, Edit::SetItem { index, item });
    let edit = Edit::Batch(edits);
    let cycle_of = |after: &Roadmap, network: &Network, pred: usize, id: &str| {
        find_cycle_in(network, index, pred).map(|cycle| {
            let ids: Vec<String> = cycle.iter().map(|&i| after.items[i].label(i)).collect();
            FieldError::new(
                "depends_on",
                crate::text!(FieldDepCycle, id = id, cycle = cycle_text(&ids)),
            )
        })
    };
    match lookup {
        // Only this item's links change, and a loop through a new one comes back through
        // other items' links: the network as it is answers.
        Some(lookup) if !renamed => {
            for id in &added {
                if let Some(pred) = lookup.ids.holder(id) {
                    errors.extend(cycle_of(roadmap, lookup.network, pred, id));
                }
            }
        }
        _ if !added.is_empty() => {
            let mut after = roadmap.clone();
            after.apply(edit.clone());
            let network = Network::build(&after);
            for id in &added {
                if let Some(pred) = after.index_of(id) {
                    errors.extend(cycle_of(&after, &network, pred, id));
                }
            }
        }
        _ => {}
    }
    if errors.is_empty() {
        Ok(edit)
    } else {
        Err(errors)
    }
}

fn check_item_fields(roadmap: &Roadmap, index: usize, old: &Item, new: &Item) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if new.id != old.id {
        if new.id.trim().is_empty() {
            errors.push(FieldError::new("id", crate::text!(FieldIdEmpty)));
        } else if let Some(j) = id_used_elsewhere(roadmap, &new.id, index) {
            errors.push(FieldError::new(
                "id",
                crate::text!(
                    FieldIdUsed,
                    id = new.id,
                    n = j + 1,
                    title = roadmap.items[j].title
                ),
            ));
        }
    }
    if (new.start, new.end, new.kind) != (old.start, old.end, old.kind) {
        if let (Some(start), Some(end)) = (new.start, new.end) {
            if end < start {
                errors.push(FieldError::new(
                    "end",
                    crate::text!(FieldEndBeforeStart, end = end, start = start),
                ));
            } else if new.is_milestone() && start != end {
                errors.push(FieldError::new(
                    "end",
                    crate::text!(FieldMilestoneOneDay, start = start, end = end),
                ));
            }
        }
    }
    if new.progress > 100 {
        errors.push(FieldError::new(
            "progress",
            crate::text!(FieldProgressOver, n = new.progress),
        ));
    }
    if new.sector != old.sector && !roadmap.sectors.iter().any(|s| s.id == new.sector) {
        let message = if new.sector.is_empty() {
            crate::text!(FieldChooseSector)
        } else {
            crate::text!(FieldNoSuchSector, sector = new.sector)
        };
        errors.push(FieldError::new("sector", message));
    }
    for dep in &new.depends_on {
        if old.depends_on.contains(dep) {
            continue;
        }
        if dep.lag_days.abs() > MAX_LAG_DAYS {
            errors.push(FieldError::new(
                "depends_on",
                crate::text!(
                    FieldLagOutOfRange,
                    lag = dep.lag_days,
                    id = dep.id,
                    max = MAX_LAG_DAYS
                ),
            ));
        }
        if old.depends_on.iter().any(|o| o.id == dep.id) {
            continue; // an existing link with a new type or lag
        }
        let message = if dep.id.is_empty() {
            crate::text!(FieldDepNeedsId)
        } else if dep.id == new.id || dep.id == old.id {
            crate::text!(FieldDepSelf, id = dep.id)
        } else if id_used_elsewhere(roadmap, &dep.id, index).is_none() {
            crate::text!(FieldDepNoSuchId, id = dep.id)
        } else {
            continue;
        };
        errors.push(FieldError::new("depends_on", message));
    }
    for (i, line) in new.funding.iter().enumerate() {
        if old.funding.get(i) == Some(line) {
            continue;
        }
        if !roadmap.funding_schemes.iter().any(|s| s.id == line.scheme) {
            let message = if line.scheme.is_empty() {
                crate::text!(FieldLineNoScheme, n = i + 1)
            } else {
                crate::text!(FieldLineNoSuchScheme, n = i + 1, scheme = line.scheme)
            };
            errors.push(FieldError::new("funding", message));
        }
        if !(1900..=2200).contains(&line.year) {
            errors.push(FieldError::new(
                "funding",
                crate::text!(FieldLineYear, n = i + 1, year = line.year),
            ));
        }
    }
    errors
}

/// Drops kept invalid values whose field now holds a typed value (see `update_item`).
fn settle_invalid(old: &Item, new: &mut Item) {
    fn drop_if(invalid: &mut Invalid, key: &str, settled: bool) {
        if settled {
            invalid.remove(key);
        }
    }
    let inv = &mut new.invalid;
    drop_if(inv, "id", !new.id.is_empty() || new.id != old.id);
    drop_if(
        inv,
        "title",
        !new.title.is_empty() || new.title != old.title,
    );
    drop_if(inv, "kind", new.kind.is_some());
    drop_if(
        inv,
        "sector",
        !new.sector.is_empty() || new.sector != old.sector,
    );
    drop_if(inv, "owner", new.owner.is_some());
    drop_if(inv, "start", new.start.is_some());
    drop_if(inv, "end", new.end.is_some());
    drop_if(inv, "progress", new.progress != old.progress);
    drop_if(inv, "cost", new.cost.is_some());
    drop_if(inv, "notes", new.notes.is_some());
    drop_if(inv, "regulation", new.regulation.is_some());
    for (key, changed, present) in [
        (
            "depends_on",
            new.depends_on != old.depends_on,
            !new.depends_on.is_empty(),
        ),
        (
            "funding",
            new.funding != old.funding,
            !new.funding.is_empty(),
        ),
        ("talent", new.talent != old.talent, !new.talent.is_empty()),
    ] {
        drop_if(inv, key, changed || present);
    }
    if let Some(reg) = &mut new.regulation {
        let old_reg = old.regulation.as_ref();
        let instrument_changed = old_reg.map(|r| &r.instrument) != Some(&reg.instrument);
        drop_if(
            &mut reg.invalid,
            "instrument",
            !reg.instrument.is_empty() || instrument_changed,
        );
        drop_if(&mut reg.invalid, "stage", reg.stage.is_some());
    }
    for (i, dep) in new.depends_on.iter_mut().enumerate() {
        let before = old.depends_on.get(i);
        drop_if(&mut dep.invalid, "id", !dep.id.is_empty());
        drop_if(
            &mut dep.invalid,
            "type",
            before.map(|b| b.link) != Some(dep.link),
        );
        drop_if(
            &mut dep.invalid,
            "lag_days",
            before.map(|b| b.lag_days) != Some(dep.lag_days),
        );
    }
    for (i, line) in new.funding.iter_mut().enumerate() {
        let before = old.funding.get(i);
        drop_if(&mut line.invalid, "scheme", !line.scheme.is_empty());
        drop_if(&mut line.invalid, "year", line.year != 0);
        drop_if(
            &mut line.invalid,
            "amount",
            before.map(|b| b.amount) != Some(line.amount),
        );
        drop_if(&mut line.invalid, "status", line.status.is_some());
    }
    for (i, need) in new.talent.iter_mut().enumerate() {
        let before = old.talent.get(i);
        drop_if(&mut need.invalid, "role", !need.role.is_empty());
        drop_if(
            &mut need.invalid,
            "count",
            before.map(|b| b.count) != Some(need.count),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roadmap() -> Roadmap {
        let value = serde_json::json!({
            "sectors": [{"id": "s", "name": "S"}],
            "funding_schemes": [{"id": "apbn", "name": "APBN"}],
            "items": [{"id": "a", "title": "A", "kind": "initiative", "sector": "s",
                "start": "2025-01-01", "end": "2025-01-31",
                "funding": [{"scheme": "apbn", "year": 2025, "amount": -5, "status": "maybe"}],
                "talent": [{"role": "analyst", "count": "two"}]}]
        });
        from_value(value).unwrap()
    }

    #[test]
    fn nested_invalid_values_go_once_their_field_is_set() {
        let r = roadmap();
        let line = &r.items[0].funding[0];
        assert_eq!(line.invalid.len(), 2, "amount and status kept");
        // Untouched lines keep their raw values.
        let mut item = r.items[0].clone();
        item.title = "A2".into();
        let Edit::Batch(edits) = update_item(&r, 0, *item).unwrap() else {
            panic!()
        };
        let Edit::SetItem { item, .. } = &edits[0] else {
            panic!()
        };
        assert_eq!(item.funding[0].invalid.len(), 2);
        assert_eq!(item.talent[0].invalid.len(), 1);
        // Setting amount and status, and the talent count, drops those raw values.
        let mut item = r.items[0].clone();
        item.funding[0].amount = 10;
        item.funding[0].status = Some(FundingStatus::Committed);
        item.talent[0].count = 2;
        let Edit::Batch(edits) = update_item(&r, 0, *item).unwrap() else {
            panic!()
        };
        let Edit::SetItem { item, .. } = &edits[0] else {
            panic!()
        };
        assert!(item.funding[0].invalid.is_empty());
        assert!(item.talent[0].invalid.is_empty());
    }

    #[test]
    fn funding_years_are_checked() {
        let r = roadmap();
        let mut item = r.items[0].clone();
        item.funding[0].year = 1850;
        let errors = update_item(&r, 0, *item).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "funding: line 1: year 1850 is not from 1900 to 2200"
        );
    }
}
