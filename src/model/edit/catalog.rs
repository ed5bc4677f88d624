//! Builders for the roadmap's sectors and funding schemes.

use super::*;

/// Sectors and funding schemes have the same shape; these builders serve both.
trait Named: Clone + Default {
    const WHAT: &'static str;
    fn id(&self) -> &str;
    fn set(&mut self, id: &str, name: &str);
    fn invalid(&mut self) -> &mut Invalid;
}

macro_rules! named {
    ($ty:ty, $what:literal) => {
        impl Named for $ty {
            const WHAT: &'static str = $what;
            fn id(&self) -> &str {
                &self.id
            }
            fn set(&mut self, id: &str, name: &str) {
                self.id = id.to_string();
                self.name = name.to_string();
            }
            fn invalid(&mut self) -> &mut Invalid {
                &mut self.invalid
            }
        }
    };
}

named!(Sector, "sector");
named!(FundingScheme, "funding scheme");

fn check_new_id<T: Named>(list: &[T], id: &str, except: Option<usize>) -> Result<(), EditError> {
    if id.trim().is_empty() {
        return Err(EditError::EmptyId { what: T::WHAT });
    }
    let taken = list
        .iter()
        .enumerate()
        .any(|(i, entry)| Some(i) != except && entry.id() == id);
    if taken {
        return Err(EditError::DuplicateId {
            what: T::WHAT,
            id: id.to_string(),
        });
    }
    Ok(())
}

/// An empty name falls back to the id, since validation requires a name.
fn add_named<T: Named>(list: &[T], id: &str, name: &str) -> Result<Vec<T>, EditError> {
    check_new_id(list, id, None)?;
    let mut entry = T::default();
    entry.set(id, if name.is_empty() { id } else { name });
    let mut new = list.to_vec();
    new.push(entry);
    Ok(new)
}

/// The renamed list, and the old id when references to it must follow. An empty name falls
/// back to the id.
fn rename_named<T: Named>(
    list: &[T],
    index: usize,
    id: &str,
    name: &str,
) -> Result<(Vec<T>, Option<String>), EditError> {
    let current = list.get(index).ok_or(EditError::NoSuch {
        what: T::WHAT,
        index,
    })?;
    if current.id() != id {
        check_new_id(list, id, Some(index))?;
    }
    let old = current.id().to_string();
    let shared = list
        .iter()
        .enumerate()
        .any(|(i, entry)| i != index && entry.id() == old);
    let mut new = list.to_vec();
    new[index].set(id, if name.is_empty() { id } else { name });
    new[index].invalid().remove("id");
    new[index].invalid().remove("name");
    let follow = (old != id && !old.is_empty() && !shared).then_some(old);
    Ok((new, follow))
}

/// Labels of the items `uses` picks, for an `InUse` refusal.
fn users(roadmap: &Roadmap, uses: impl Fn(&Item) -> bool) -> Vec<String> {
    roadmap
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| uses(item))
        .map(|(i, item)| item.label(i))
        .collect()
}

fn check_unused<T: Named>(
    roadmap: &Roadmap,
    list: &[T],
    index: usize,
    uses: impl Fn(&Item, &str) -> bool,
) -> Result<(), EditError> {
    let entry = list.get(index).ok_or(EditError::NoSuch {
        what: T::WHAT,
        index,
    })?;
    let id = entry.id();
    let shared = list
        .iter()
        .enumerate()
        .any(|(i, other)| i != index && other.id() == id);
    let users = if shared {
        Vec::new()
    } else {
        users(roadmap, |item| uses(item, id))
    };
    if users.is_empty() {
        Ok(())
    } else {
        Err(EditError::InUse {
            what: T::WHAT,
            id: id.to_string(),
            users,
        })
    }
}

/// Appends a sector; the id must be non-empty and unique.
pub fn add_sector(roadmap: &Roadmap, id: &str, name: &str) -> Result<Edit, EditError> {
    add_named(&roadmap.sectors, id, name).map(Edit::SetSectors)
}

/// Renames a sector; a new id moves every item of the sector along.
pub fn rename_sector(
    roadmap: &Roadmap,
    index: usize,
    new_id: &str,
    new_name: &str,
) -> Result<Edit, EditError> {
    let (sectors, follow) = rename_named(&roadmap.sectors, index, new_id, new_name)?;
    if sectors == roadmap.sectors {
        return Ok(Edit::empty());
    }
    let mut edits = vec![Edit::SetSectors(sectors)];
    if let Some(old) = follow {
        for (i, item) in roadmap.items.iter().enumerate() {
            if item.sector == old {
                let mut item = Item::clone(item);
                item.sector = new_id.to_string();
                edits.push(Edit::SetItem { index: i, item });
            }
        }
    }
    Ok(Edit::Batch(edits))
}

/// Removes a sector no item uses; refused with the users' ids otherwise.
pub fn remove_sector(roadmap: &Roadmap, index: usize) -> Result<Edit, EditError> {
    check_unused(roadmap, &roadmap.sectors, index, |item, id| {
        item.sector == id
    })?;
    let mut sectors = roadmap.sectors.clone();
    sectors.remove(index);
    Ok(Edit::SetSectors(sectors))
}

/// Appends a funding scheme; the id must be non-empty and unique.
pub fn add_funding_scheme(roadmap: &Roadmap, id: &str, name: &str) -> Result<Edit, EditError> {
    add_named(&roadmap.funding_schemes, id, name).map(Edit::SetFundingSchemes)
}

/// Renames a funding scheme; a new id carries every funding line of the scheme along.
pub fn rename_funding_scheme(
    roadmap: &Roadmap,
    index: usize,
    new_id: &str,
    new_name: &str,
) -> Result<Edit, EditError> {
    let (schemes, follow) = rename_named(&roadmap.funding_schemes, index, new_id, new_name)?;
    if schemes == roadmap.funding_schemes {
        return Ok(Edit::empty());
    }
    let mut edits = vec![Edit::SetFundingSchemes(schemes)];
    if let Some(old) = follow {
        for (i, item) in roadmap.items.iter().enumerate() {
            if item.funding.iter().any(|line| line.scheme == old) {
                let mut item = Item::clone(item);
                item.funding
                    .iter_mut()
                    .filter(|line| line.scheme == old)
                    .for_each(|line| line.scheme = new_id.to_string());
                edits.push(Edit::SetItem { index: i, item });
            }
        }
    }
    Ok(Edit::Batch(edits))
}

/// Removes a funding scheme no funding line uses; refused with the users' ids otherwise.
pub fn remove_funding_scheme(roadmap: &Roadmap, index: usize) -> Result<Edit, EditError> {
    check_unused(roadmap, &roadmap.funding_schemes, index, |item, id| {
        item.funding.iter().any(|line| line.scheme == id)
    })?;
    let mut schemes = roadmap.funding_schemes.clone();
    schemes.remove(index);
    Ok(Edit::SetFundingSchemes(schemes))
}
