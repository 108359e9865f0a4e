// Indian retail categories as data: subcategories with pack sizes and price ranges (₹),
// brands, daily demand weight, and regional preference multipliers (rice south and east,
// atta north, mustard oil east, coconut oil south, coffee south, tea north and east).
import type { RegionCode } from '../calendar/regions.ts';

export interface Subcategory {
  readonly name: string;
  readonly packs: readonly string[];
  readonly price: readonly [number, number];
  readonly prefs?: Partial<Record<RegionCode, number>>;
}

export interface Category {
  readonly code: string;
  readonly name: string;
  readonly share: number;
  readonly brands: readonly string[];
  readonly demand: number;
  /** Festival shopping uplift at the peak of a festival window (1 = none). */
  readonly festival: number;
  /** June–September multiplier. */
  readonly monsoon: number;
  readonly subcategories: readonly Subcategory[];
}

export const CATEGORIES: readonly Category[] = [
  {
    code: 'STP',
    name: 'Staples',
    share: 0.1,
    demand: 3,
    festival: 1.4,
    monsoon: 1.02,
    brands: ['Aashirvaad', 'India Gate', 'Fortune', 'Tata Sampann', 'Daawat', 'Pillsbury', 'Annapurna'],
    subcategories: [
      {
        name: 'Atta',
        packs: ['1 kg', '5 kg', '10 kg'],
        price: [55, 520],
        prefs: { NORTH: 2, CENTRAL: 1.6, WEST: 1.2, SOUTH: 0.5, EAST: 0.7, NORTHEAST: 0.6 },
      },
      { name: 'Basmati Rice', packs: ['1 kg', '5 kg'], price: [110, 750], prefs: { NORTH: 1.3 } },
      {
        name: 'Sona Masoori Rice',
        packs: ['5 kg', '10 kg', '25 kg'],
        price: [300, 1500],
        prefs: { SOUTH: 2.4, EAST: 1.6, NORTHEAST: 1.6, NORTH: 0.4, CENTRAL: 0.6 },
      },
      { name: 'Toor Dal', packs: ['500 g', '1 kg'], price: [80, 190] },
      { name: 'Sugar', packs: ['1 kg', '5 kg'], price: [45, 240] },
      { name: 'Salt', packs: ['1 kg'], price: [22, 30] },
    ],
  },
  {
    code: 'OIL',
    name: 'Edible Oils',
    share: 0.06,
    demand: 1.6,
    festival: 1.6,
    monsoon: 1,
    brands: ['Fortune', 'Saffola', 'Dhara', 'Parachute', 'Gemini', 'Engine'],
    subcategories: [
      { name: 'Sunflower Oil', packs: ['1 L', '5 L'], price: [140, 720], prefs: { SOUTH: 1.3, WEST: 1.3 } },
      {
        name: 'Mustard Oil',
        packs: ['1 L', '5 L'],
        price: [150, 760],
        prefs: { EAST: 2.2, NORTH: 1.5, NORTHEAST: 1.8, SOUTH: 0.3 },
      },
      { name: 'Groundnut Oil', packs: ['1 L', '5 L'], price: [180, 900], prefs: { WEST: 1.8, SOUTH: 1.2 } },
      { name: 'Coconut Oil', packs: ['500 ml', '1 L'], price: [110, 260], prefs: { SOUTH: 2.5, NORTH: 0.5 } },
    ],
  },
  {
    code: 'SPC',
    name: 'Spices & Masala',
    share: 0.07,
    demand: 1.1,
    festival: 1.3,
    monsoon: 1,
    brands: ['MDH', 'Everest', 'Catch', 'Aachi', 'Eastern', 'Badshah'],
    subcategories: [
      { name: 'Garam Masala', packs: ['100 g'], price: [60, 95] },
      { name: 'Turmeric Powder', packs: ['200 g', '500 g'], price: [45, 140] },
      {
        name: 'Sambar Powder',
        packs: ['100 g', '200 g'],
        price: [50, 110],
        prefs: { SOUTH: 2.6, NORTH: 0.4 },
      },
      { name: 'Chilli Powder', packs: ['200 g', '500 g'], price: [55, 170] },
    ],
  },
  {
    code: 'DRY',
    name: 'Dairy',
    share: 0.07,
    demand: 4,
    festival: 1.5,
    monsoon: 0.97,
    brands: ['Amul', 'Mother Dairy', 'Nandini', 'Aavin', 'Milma', 'Gokul'],
    subcategories: [
      { name: 'Toned Milk', packs: ['500 ml', '1 L'], price: [27, 58] },
      { name: 'Curd', packs: ['400 g', '1 kg'], price: [35, 80], prefs: { SOUTH: 1.5 } },
      { name: 'Paneer', packs: ['200 g'], price: [85, 100], prefs: { NORTH: 1.8 } },
      { name: 'Ghee', packs: ['500 ml', '1 L'], price: [320, 650] },
      { name: 'Butter', packs: ['100 g', '500 g'], price: [56, 280] },
    ],
  },
  {
    code: 'SNK',
    name: 'Snacks & Namkeen',
    share: 0.09,
    demand: 1.8,
    festival: 1.7,
    monsoon: 1.12,
    brands: ["Haldiram's", "Lay's", 'Bikaji', 'Kurkure', 'Balaji', 'Bingo'],
    subcategories: [
      { name: 'Bhujia', packs: ['200 g', '400 g'], price: [50, 110] },
      { name: 'Potato Chips', packs: ['52 g', '90 g'], price: [20, 50] },
      { name: 'Mixture', packs: ['200 g'], price: [45, 60], prefs: { SOUTH: 1.4 } },
    ],
  },
  {
    code: 'BIS',
    name: 'Biscuits & Bakery',
    share: 0.08,
    demand: 2.2,
    festival: 1.4,
    monsoon: 1.05,
    brands: ['Parle', 'Britannia', 'Sunfeast', 'Priyagold', 'Unibic'],
    subcategories: [
      { name: 'Glucose Biscuits', packs: ['250 g', '800 g'], price: [25, 100] },
      { name: 'Cream Biscuits', packs: ['100 g', '300 g'], price: [30, 90] },
      { name: 'Rusk', packs: ['300 g'], price: [40, 70] },
      { name: 'Bread', packs: ['400 g'], price: [40, 55] },
    ],
  },
  {
    code: 'BEV',
    name: 'Beverages',
    share: 0.08,
    demand: 1.7,
    festival: 1.3,
    monsoon: 0.85,
    brands: ['Tata Tea', 'Red Label', 'Bru', 'Nescafe', 'Frooti', 'Thums Up', 'Paper Boat'],
    subcategories: [
      {
        name: 'Tea',
        packs: ['250 g', '500 g', '1 kg'],
        price: [130, 560],
        prefs: { NORTH: 1.5, EAST: 1.6, NORTHEAST: 2, SOUTH: 0.7 },
      },
      {
        name: 'Filter Coffee',
        packs: ['200 g', '500 g'],
        price: [140, 420],
        prefs: { SOUTH: 3, NORTH: 0.4, EAST: 0.4 },
      },
      { name: 'Soft Drink', packs: ['750 ml', '2.25 L'], price: [40, 100] },
      { name: 'Fruit Drink', packs: ['200 ml', '1.2 L'], price: [10, 75] },
    ],
  },
  {
    code: 'PER',
    name: 'Personal Care',
    share: 0.09,
    demand: 1,
    festival: 1.2,
    monsoon: 1,
    brands: ['Lifebuoy', 'Dove', 'Colgate', 'Dabur', 'Himalaya', 'Patanjali', 'Clinic Plus'],
    subcategories: [
      { name: 'Soap', packs: ['4 x 100 g'], price: [120, 240] },
      { name: 'Shampoo', packs: ['180 ml', '340 ml'], price: [110, 380] },
      { name: 'Toothpaste', packs: ['100 g', '200 g'], price: [55, 140] },
      { name: 'Hair Oil', packs: ['200 ml', '500 ml'], price: [80, 260], prefs: { SOUTH: 1.4 } },
    ],
  },
  {
    code: 'HOM',
    name: 'Home Care',
    share: 0.07,
    demand: 0.9,
    festival: 1.6,
    monsoon: 1.05,
    brands: ['Surf Excel', 'Tide', 'Vim', 'Harpic', 'Lizol', 'Ghadi', 'Rin'],
    subcategories: [
      { name: 'Detergent Powder', packs: ['1 kg', '4 kg'], price: [90, 520] },
      { name: 'Dishwash Bar', packs: ['3 x 200 g'], price: [45, 75] },
      { name: 'Toilet Cleaner', packs: ['500 ml', '1 L'], price: [95, 210] },
      { name: 'Floor Cleaner', packs: ['500 ml', '2 L'], price: [99, 420] },
    ],
  },
  {
    code: 'BAB',
    name: 'Baby Care',
    share: 0.04,
    demand: 0.4,
    festival: 1,
    monsoon: 1,
    brands: ['Pampers', 'Huggies', "Johnson's", 'Cerelac', 'Himalaya Baby'],
    subcategories: [
      { name: 'Diapers', packs: ['M 40', 'L 36'], price: [650, 1100] },
      { name: 'Baby Food', packs: ['300 g'], price: [250, 320] },
      { name: 'Baby Lotion', packs: ['200 ml'], price: [180, 260] },
    ],
  },
  {
    code: 'PKF',
    name: 'Packaged Foods',
    share: 0.08,
    demand: 1.5,
    festival: 1.2,
    monsoon: 1.15,
    brands: ['Maggi', 'Yippee', 'MTR', 'Kissan', 'Gits', 'Knorr'],
    subcategories: [
      { name: 'Instant Noodles', packs: ['70 g', '4 x 70 g'], price: [14, 60] },
      { name: 'Ready Mix', packs: ['200 g', '500 g'], price: [60, 180], prefs: { SOUTH: 1.6 } },
      { name: 'Ketchup', packs: ['500 g', '1 kg'], price: [90, 170] },
      { name: 'Pickle', packs: ['300 g'], price: [80, 140] },
    ],
  },
  {
    code: 'FNV',
    name: 'Fruits & Vegetables',
    share: 0.05,
    demand: 6,
    festival: 1.3,
    monsoon: 0.9,
    brands: ['Fresh'],
    subcategories: [
      { name: 'Onion', packs: ['1 kg'], price: [30, 45] },
      { name: 'Potato', packs: ['1 kg'], price: [25, 35] },
      { name: 'Tomato', packs: ['1 kg'], price: [25, 60] },
      { name: 'Banana', packs: ['1 dozen'], price: [45, 70], prefs: { SOUTH: 1.5 } },
    ],
  },
  {
    code: 'FRZ',
    name: 'Frozen & Ready to Eat',
    share: 0.03,
    demand: 0.3,
    festival: 1.1,
    monsoon: 1,
    brands: ['McCain', 'ID Fresh', 'Sumeru', "Haldiram's Minute Khana"],
    subcategories: [
      { name: 'Frozen Snacks', packs: ['400 g'], price: [120, 220] },
      { name: 'Idli Batter', packs: ['1 kg'], price: [65, 90], prefs: { SOUTH: 3, NORTH: 0.3 } },
      { name: 'Ready Meals', packs: ['300 g'], price: [90, 160] },
    ],
  },
  {
    code: 'KIT',
    name: 'Household & Kitchen',
    share: 0.04,
    demand: 0.15,
    festival: 1.8,
    monsoon: 1,
    brands: ['Prestige', 'Milton', 'Cello', 'Pigeon'],
    subcategories: [
      { name: 'Pressure Cooker', packs: ['3 L', '5 L'], price: [1200, 2600] },
      { name: 'Water Bottle', packs: ['1 L'], price: [250, 650] },
      { name: 'Storage Container', packs: ['set of 3'], price: [300, 900] },
    ],
  },
  {
    code: 'SWT',
    name: 'Confectionery & Sweets',
    share: 0.05,
    demand: 1.2,
    festival: 2.6,
    monsoon: 1,
    brands: ['Cadbury', 'Amul', "Haldiram's", 'Bikanervala', 'Parle'],
    subcategories: [
      { name: 'Chocolate', packs: ['50 g', 'gift box'], price: [40, 550] },
      { name: 'Soan Papdi', packs: ['250 g', '500 g'], price: [90, 220] },
      { name: 'Rasgulla', packs: ['1 kg tin'], price: [190, 260], prefs: { EAST: 2.2 } },
    ],
  },
];
